#!/usr/bin/env node
// Signs or verifies a JWT with npm's jsonwebtoken, as the vendors' guides do.
// Reads one JSON request from stdin, writes one JSON answer to stdout:
//   {"op":"sign","payload":{...},"privateKey":"PEM","options":{"algorithm":"RS512","expiresIn":"3d","keyid":"k"}}
//     -> {"token":"..."}
//   {"op":"verify","token":"...","publicKey":"PEM","options":{"algorithms":["RS512"]}}
//     -> {"valid":true,"header":{...},"payload":{...}} or {"valid":false,"error":"..."}
'use strict';
const jwt = require('jsonwebtoken');

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const req = JSON.parse(input);
  let out;
  if (req.op === 'sign') {
    out = { token: jwt.sign(req.payload, req.privateKey, req.options || {}) };
  } else if (req.op === 'verify') {
    try {
      const decoded = jwt.verify(req.token, req.publicKey, Object.assign({ complete: true }, req.options || {}));
      out = { valid: true, header: decoded.header, payload: decoded.payload };
    } catch (e) {
      out = { valid: false, error: e.name + ': ' + e.message };
    }
  } else {
    out = { error: 'unknown op' };
  }
  process.stdout.write(JSON.stringify(out));
});
