"""Article understanding: entities with canonical names, quotes with speakers,
numeric claims.

The stage :class:`~belowtheline.article.stage.ArticleAnalyzer`
(``article.spacy.v1``) parses :attr:`Article.body <belowtheline.document.Article.body>`
once with the pinned English pipeline (:mod:`belowtheline.article.nlp`) and hands
the parse to :mod:`.entities`, :mod:`.quotes` and :mod:`.claims`. Character
offsets in entities and quotes refer to ``article.body`` (paragraphs joined by a
blank line).
"""
