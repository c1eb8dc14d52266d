// In-process tests build clients with the default dispatcher, which honours the proxy variables: a proxy set on
// the machine running the tests must not stand between them and the fake on loopback. (End-to-end runs get a
// clean environment from runAction anyway.)
for (const name of [
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
]) {
  delete process.env[name];
}
