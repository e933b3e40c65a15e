/**
 * jwt-signer's test kit: pre-made fake keys, a settable clock, local verifiers that apply the platforms'
 * checks, and AssertJ assertions for tokens.
 */
module dev.jwtsigner.testkit {
  requires transitive dev.jwtsigner.core;
  requires com.nimbusds.jose.jwt;
  requires org.bouncycastle.provider;
  requires jdk.httpserver;
  requires java.net.http;
  requires static org.junit.jupiter.api;
  requires transitive org.assertj.core; // JwtAssertions extends its AbstractAssert

  exports dev.jwtsigner.testkit;
}
