package dev.jwtsigner.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.TestKeys;
import dev.jwtsigner.apto.SignedPayloadBuilder;
import dev.jwtsigner.atomic.AtomicTokenBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The builders with a remote key: an in-process signer stands in for the KMS (no KMS is called). */
class RemoteSignerTest {

  private static final PrivateKey RSA = KeySource.fromPemText(TestKeys.pem("rsa2048.pem")).signingKey().privateKey();
  private static final PrivateKey P521 = KeySource.fromPemText(TestKeys.pem("p521.pem")).signingKey().privateKey();
  private static final PublicKey RSA_PUB = PublicKeys.parse(TestKeys.pem("rsa2048.pub.pem"));
  private static final PublicKey P521_PUB = PublicKeys.parse(TestKeys.pem("p521.pub.pem"));

  private final List<RemoteSigner.Request> requests = new ArrayList<>();

  /** Signs the message, as a KMS in RAW mode does; DER for ECDSA. */
  private RemoteSigner kms(PrivateKey key) {
    return request -> {
      requests.add(request);
      Signature s = Signature.getInstance(key instanceof java.security.interfaces.ECKey ? "SHA512withECDSA" : request.algorithm().jcaName());
      s.initSign(key);
      s.update(request.signingInput());
      return s.sign();
    };
  }

  @ParameterizedTest
  @CsvSource({"RS256", "RS512", "ES512"})
  void theAtomicBuilderSignsThroughTheRemoteSignerOnceAndTheTokenVerifies(JwsAlgorithm alg) throws Exception {
    boolean ec = alg == JwsAlgorithm.ES512;
    SigningKey key = SigningKey.remote(ec ? P521_PUB : RSA_PUB, "kms-1", kms(ec ? P521 : RSA));

    String jws = AtomicTokenBuilder.create(() -> key).algorithm(alg).subject("u1").sign();

    String[] parts = jws.split("\\.");
    assertThat(requests).singleElement().satisfies(r -> {
      assertThat(r.algorithm()).isEqualTo(alg);
      assertThat(new String(r.signingInput(), StandardCharsets.US_ASCII)).isEqualTo(parts[0] + "." + parts[1]);
    });
    assertThat(PemKeysTest.verifies(jws, alg, ec ? P521_PUB : RSA_PUB)).isTrue();
    if (ec) {
      assertThat(java.util.Base64.getUrlDecoder().decode(parts[2])).hasSize(132);
    }
  }

  @Test
  void theSignedPayloadBuilderSignsThroughTheRemoteSigner() throws Exception {
    SigningKey key = SigningKey.remote(RSA_PUB, "key_1", kms(RSA));
    String jws = SignedPayloadBuilder.create(() -> key).keyId("key_1").payload("{\"a\":1}").sign();
    assertThat(PemKeysTest.verifies(jws, JwsAlgorithm.RS256, RSA_PUB)).isTrue();
  }

  @Test
  void theBuilderChecksTheAlgorithmAgainstTheRemotePublicKeyBeforeCallingTheSigner() {
    SigningKey ec = SigningKey.remote(P521_PUB, "kms-ec", kms(P521));
    assertThatThrownBy(() -> AtomicTokenBuilder.create(() -> ec).algorithm(JwsAlgorithm.RS256).subject("u1").sign())
        .isInstanceOfSatisfying(JwtSignerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOKEN_REJECTED));
    assertThatThrownBy(() -> SignedPayloadBuilder.create(() -> ec).keyId("key_1").payload("{}").sign())
        .isInstanceOf(JwtSignerException.class);
    assertThat(requests).as("the KMS is never asked").isEmpty();
  }

  @Test
  void aDigestSignerGetsTheHashOfTheSigningInput() throws Exception {
    SigningKey key = SigningKey.remote(P521_PUB, null, request -> {
      requests.add(request);
      Signature s = Signature.getInstance("NONEwithECDSA"); // what a KMS does in DIGEST mode
      s.initSign(P521);
      s.update(request.digest());
      return s.sign();
    });
    String jws = AtomicTokenBuilder.create(() -> key).subject("u1").sign();

    RemoteSigner.Request r = requests.get(0);
    assertThat(r.digestAlgorithm()).isEqualTo("SHA-512");
    assertThat(r.digest()).isEqualTo(MessageDigest.getInstance("SHA-512").digest(r.signingInput()));
    assertThat(PemKeysTest.verifies(jws, JwsAlgorithm.ES512, P521_PUB)).isTrue();
  }

  @Test
  void aRequestNamesItsDigestAndNeverShowsItsBytes() {
    RemoteSigner.Request r = RemoteSigner.Request.of(JwsAlgorithm.RS256, new byte[] {1, 2, 3});
    assertThat(r.digestAlgorithm()).isEqualTo("SHA-256");
    assertThat(r.digest()).hasSize(32);
    assertThat(RemoteSigner.Request.of(JwsAlgorithm.RS512, new byte[0]).digestAlgorithm()).isEqualTo("SHA-512");
    assertThat(r).hasToString("RemoteSigner.Request[RS256, 3 bytes]");
    r.signingInput()[0] = 9;
    assertThat(r.signingInput()[0]).as("a copy each time").isEqualTo((byte) 1);
  }

  @Test
  void aFailingSignerSurfacesAsSigningFailedFromTheBuilder() {
    SigningKey key = SigningKey.remote(RSA_PUB, "k", request -> {
      throw new java.io.IOException("connection refused");
    });
    assertThatThrownBy(() -> AtomicTokenBuilder.create(() -> key).subject("u1").sign())
        .isInstanceOfSatisfying(JwtSignerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SIGNING_FAILED))
        .hasMessageContaining("RemoteSigner failed (IOException); it was not retried.")
        .hasCauseInstanceOf(java.io.IOException.class);
  }
}
