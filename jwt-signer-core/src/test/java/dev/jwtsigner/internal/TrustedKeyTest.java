package dev.jwtsigner.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TrustedKeyTest {

  private static PublicKey rsa2048;
  private static PublicKey rsa1024;
  private static PublicKey p521;
  private static PublicKey p256;

  @BeforeAll
  static void loadKeys() throws Exception {
    rsa2048 = Jws.publicKey("rsa2048");
    rsa1024 = Jws.publicKey("rsa1024");
    p521 = Jws.publicKey("p521");
    p256 = Jws.publicKey("p256");
  }

  @Test
  void keepsTheKeyAndItsKid() {
    TrustedKey key = TrustedKey.of("key_1", rsa2048);
    assertThat(key.keyId()).contains("key_1");
    assertThat(key.publicKey()).isSameAs(rsa2048);
    assertThat(TrustedKey.of(null, rsa2048).keyId()).isEmpty();
  }

  @Test
  void judgesWhetherAKeyFitsAndSuitsAnAlgorithm() {
    assertThat(TrustedKey.of(null, rsa2048).suits(JwsAlgorithm.RS256)).isTrue();
    assertThat(TrustedKey.of(null, rsa2048).fits(JwsAlgorithm.ES512)).isFalse();
    assertThat(TrustedKey.of(null, rsa1024).fits(JwsAlgorithm.RS256)).isTrue();
    assertThat(TrustedKey.of(null, rsa1024).suits(JwsAlgorithm.RS256)).as("below 2048 bits").isFalse();
    assertThat(TrustedKey.of(null, p521).suits(JwsAlgorithm.ES512)).isTrue();
    assertThat(TrustedKey.of(null, p521).fits(JwsAlgorithm.RS512)).isFalse();
    assertThat(TrustedKey.of(null, p256).fits(JwsAlgorithm.ES512)).isTrue();
    assertThat(TrustedKey.of(null, p256).suits(JwsAlgorithm.ES512)).as("not P-521").isFalse();
  }

  @Test
  void verifiesTokenAfterTokenOnOneThreadWithAFailedCheckInBetween() throws Exception {
    TrustedKey rsa = TrustedKey.of(null, rsa2048);
    TrustedKey ec = TrustedKey.of(null, p521);
    PrivateKey rsaPrivate = Jws.privateKey("rsa2048");
    PrivateKey ecPrivate = Jws.privateKey("p521");
    for (int i = 0; i < 6; i++) {
      byte[] input = ("header.payload-" + i).getBytes(StandardCharsets.US_ASCII);
      byte[] rs256 = Jws.sign("SHA256withRSA", rsaPrivate, input);
      byte[] rs512 = Jws.sign("SHA512withRSA", rsaPrivate, input);
      byte[] es512 = Jws.sign("SHA512withECDSAinP1363Format", ecPrivate, input);
      assertThat(rsa.verifies(JwsAlgorithm.RS256, input, input.length, rs256)).as("RS256 #" + i).isTrue();
      assertThat(rsa.verifies(JwsAlgorithm.RS512, input, input.length, rs512)).as("RS512 on the same key #" + i).isTrue();
      assertThat(rsa.verifies(JwsAlgorithm.RS256, input, input.length, rs512)).as("RS512 signature as RS256 #" + i).isFalse();
      assertThat(ec.verifies(JwsAlgorithm.ES512, input, input.length, es512)).as("ES512 #" + i).isTrue();
      assertThat(ec.verifies(JwsAlgorithm.ES512, input, input.length - 1, es512)).as("shorter input #" + i).isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("signaturesTheProviderThrowsOn")
  void aCheckThatThrowsLeavesTheNextCheckOnThatThreadIntact(String what, JwsAlgorithm alg, byte[] bad) throws Exception {
    TrustedKey key = TrustedKey.of(null, alg == JwsAlgorithm.ES512 ? p521 : rsa2048);
    PrivateKey signer = Jws.privateKey(alg == JwsAlgorithm.ES512 ? "p521" : "rsa2048");
    byte[] input = "header.payload".getBytes(StandardCharsets.US_ASCII);
    byte[] good = Jws.sign(alg == JwsAlgorithm.ES512 ? "SHA512withECDSAinP1363Format" : alg.jcaName(), signer, input);
    assertThat(key.verifies(alg, input, input.length, good)).isTrue();
    assertThat(key.verifies(alg, input, input.length, bad)).as(what).isFalse();
    assertThat(key.verifies(alg, input, input.length, good)).as("after " + what).isTrue();
  }

  static Stream<Arguments> signaturesTheProviderThrowsOn() {
    byte[] allOnes = new byte[132];
    Arrays.fill(allOnes, (byte) 0xff);
    return Stream.of(
        Arguments.of("ES512 r and s above the order", JwsAlgorithm.ES512, allOnes),
        Arguments.of("ES512 of 10 bytes", JwsAlgorithm.ES512, new byte[10]),
        Arguments.of("RS256 of 0 bytes", JwsAlgorithm.RS256, new byte[0]),
        Arguments.of("RS256 of 300 bytes", JwsAlgorithm.RS256, new byte[300]));
  }

  @Test
  void sharedKeyGivesEachThreadTheRightAnswers() throws Exception {
    TrustedKey rsa = TrustedKey.of(null, rsa2048);
    TrustedKey ec = TrustedKey.of(null, p521);
    byte[] input = "header.payload".getBytes(StandardCharsets.US_ASCII);
    byte[] rs256 = Jws.sign("SHA256withRSA", Jws.privateKey("rsa2048"), input);
    byte[] es512 = Jws.sign("SHA512withECDSAinP1363Format", Jws.privateKey("p521"), input);
    byte[] otherInput = "header.payload2".getBytes(StandardCharsets.US_ASCII);
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CyclicBarrier start = new CyclicBarrier(threads);
      List<Future<List<String>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(pool.submit(() -> {
          start.await();
          List<String> wrong = new ArrayList<>();
          for (int i = 0; i < 40; i++) {
            boolean tampered = i % 3 == 1;
            byte[] data = tampered ? otherInput : input;
            if (rsa.verifies(JwsAlgorithm.RS256, data, data.length, rs256) == tampered) {
              wrong.add("RS256 #" + i);
            }
            if (i % 8 == 0 && ec.verifies(JwsAlgorithm.ES512, data, data.length, es512) == tampered) {
              wrong.add("ES512 #" + i);
            }
          }
          return wrong;
        }));
      }
      for (Future<List<String>> result : results) {
        assertThat(result.get(2, TimeUnit.MINUTES)).isEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void describesTheKeyWithoutKeyMaterial() {
    assertThat(TrustedKey.of("key_1", rsa2048)).hasToString("TrustedKey[RSA 2048 bits, kid=key_1]");
    assertThat(TrustedKey.of(null, p521)).hasToString("TrustedKey[EC P-521]");
    assertThat(TrustedKey.of(null, p256)).hasToString("TrustedKey[EC 256-bit curve]");
  }

  @Test
  void equalsByKidAndKey() {
    assertThat(TrustedKey.of("a", rsa2048)).isEqualTo(TrustedKey.of("a", rsa2048))
        .hasSameHashCodeAs(TrustedKey.of("a", rsa2048))
        .isNotEqualTo(TrustedKey.of("b", rsa2048))
        .isNotEqualTo(TrustedKey.of("a", p521));
  }

  @Test
  void takesKidAndAlgorithmFromAJwk() {
    TrustedKey key = TrustedKey.fromJwk(new RSAKey.Builder((RSAPublicKey) rsa2048).keyID("key_1")
        .algorithm(JWSAlgorithm.RS512).keyUse(KeyUse.SIGNATURE).build());
    assertThat(key.keyId()).contains("key_1");
    assertThat(key.algorithm()).contains(JwsAlgorithm.RS512);
    assertThat(key.publicKey().getEncoded()).isEqualTo(rsa2048.getEncoded());
    assertThat(key.fits(JwsAlgorithm.RS512)).isTrue();
    assertThat(key.fits(JwsAlgorithm.RS256)).as("restricted to its alg").isFalse();
    assertThat(key).hasToString("TrustedKey[RSA 2048 bits for RS512 only, kid=key_1]");
    TrustedKey ec = TrustedKey.fromJwk(new ECKey.Builder(Curve.P_521, (ECPublicKey) p521).build());
    assertThat(ec.algorithm()).isEmpty();
    assertThat(ec.keyId()).isEmpty();
    assertThat(ec.publicKey().getEncoded()).isEqualTo(p521.getEncoded());
  }

  @Test
  void refusesJwksThatAreNotSignatureVerificationKeys() {
    RSAKey.Builder rsa = new RSAKey.Builder((RSAPublicKey) rsa2048).keyID("k");
    assertThatThrownBy(() -> TrustedKey.fromJwk(rsa.keyUse(KeyUse.ENCRYPTION).build()))
        .isInstanceOfSatisfying(JwtSignerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT))
        .hasMessage("the JWK (kid k) is marked use enc, not for signatures. Fix: publish the signing key with"
            + " \"use\":\"sig\", or without use.");
    assertThatThrownBy(() -> TrustedKey.fromJwk(new RSAKey.Builder((RSAPublicKey) rsa2048)
        .keyOperations(Set.of(KeyOperation.ENCRYPT)).build()))
        .hasMessageStartingWith("the JWK has key_ops without verify.");
    assertThatThrownBy(() -> TrustedKey.fromJwk(rsa.keyUse(null).algorithm(JWSAlgorithm.PS512).build()))
        .hasMessage("the JWK (kid k) is registered for alg PS512, which the platform does not accept."
            + " Fix: register the key for RS256, RS512 or ES512, or without alg.");
    assertThatThrownBy(() -> TrustedKey.fromJwk(new OctetSequenceKey.Builder(new byte[32]).build()))
        .isInstanceOfSatisfying(JwtSignerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_TYPE_UNSUPPORTED))
        .hasMessageStartingWith("a JWK of type oct cannot verify signatures; only RSA and EC P-521 keys verify");
    assertThatThrownBy(() -> TrustedKey.fromJwk(null))
        .isInstanceOfSatisfying(JwtSignerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT));
  }

  @Test
  void trustsEveryKeyOfAJwksUnderItsKidOrThumbprintWithItsAlg() throws Exception {
    RSAKey restricted = new RSAKey.Builder((RSAPublicKey) rsa2048).keyID("key_1").algorithm(JWSAlgorithm.RS512).build();
    ECKey unnamed = new ECKey.Builder(Curve.P_521, (ECPublicKey) p521).build();
    List<TrustedKey> keys = TrustedKey.fromJwks(new com.nimbusds.jose.jwk.JWKSet(List.of(restricted, unnamed)).toString());
    assertThat(keys).hasSize(2);
    assertThat(keys.get(0).keyId()).contains("key_1");
    assertThat(keys.get(0).fits(JwsAlgorithm.RS256)).as("restricted to its alg").isFalse();
    assertThat(keys.get(1).keyId()).contains(unnamed.computeThumbprint().toString());
    assertThat(TrustedKey.fromJwks(restricted.toJSONString())).singleElement()
        .satisfies(k -> assertThat(k.algorithm()).contains(JwsAlgorithm.RS512));
  }

  @Test
  void refusesAJwksWithAnEncryptionKeyPrivateMaterialOrNoJwkAtAll() throws Exception {
    RSAKey enc = new RSAKey.Builder((RSAPublicKey) rsa2048).keyID("k").keyUse(KeyUse.ENCRYPTION).build();
    assertThatThrownBy(() -> TrustedKey.fromJwks(new com.nimbusds.jose.jwk.JWKSet(enc).toString()))
        .hasMessageStartingWith("the JWK (kid k) is marked use enc, not for signatures.");
    RSAKey withPrivate = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).generate();
    assertThatThrownBy(() -> TrustedKey.fromJwks(withPrivate.toJSONString()))
        .isInstanceOfSatisfying(JwtSignerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT))
        .hasMessageStartingWith("a JWK holds private key material");
    assertThatThrownBy(() -> TrustedKey.fromJwks("{\"keys\":7}"))
        .isInstanceOfSatisfying(JwtSignerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PUBLIC_KEY_MALFORMED));
  }

  @Test
  void refusesANullKey() {
    assertThatThrownBy(() -> TrustedKey.of("k", null))
        .isInstanceOfSatisfying(JwtSignerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT))
        .hasMessage("publicKey is null. Fix: pass the public key that verifies the tokens.");
  }

  @Test
  void refusesABlankKid() {
    assertThatThrownBy(() -> TrustedKey.of(" ", rsa2048))
        .isInstanceOfSatisfying(JwtSignerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT))
        .hasMessage("kid is blank. Fix: pass the id the key is registered under (such as \"key_1\"), or null for no kid.");
  }
}
