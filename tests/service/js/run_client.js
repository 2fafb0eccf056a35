// Run the unmodified npm `perspective-api-client` against our server.
// Only its constant Google URL is pointed elsewhere: an axios interceptor rewrites
// https://commentanalyzer.googleapis.com to $BTL_PERSPECTIVE_BASE.
// Usage: node run_client.js KEY '<json array of [text, options]>'; prints one JSON result per call.
'use strict';
const axios = require('axios');
const Perspective = require('perspective-api-client');

const GOOGLE = 'https://commentanalyzer.googleapis.com';
axios.interceptors.request.use(config => {
  if (config.url.startsWith(GOOGLE)) {
    config.url = process.env.BTL_PERSPECTIVE_BASE + config.url.slice(GOOGLE.length);
    config.proxy = false;
  }
  return config;
});

async function main() {
  const [key, callsJson] = process.argv.slice(2);
  const client = new Perspective({apiKey: key});
  const out = [];
  for (const [text, options] of JSON.parse(callsJson)) {
    try {
      out.push({ok: await client.analyze(text, options)});
    } catch (error) {
      out.push({error: error.name, message: error.message, status: error.response ? error.response.status : null});
    }
  }
  process.stdout.write(JSON.stringify(out));
}

main();
