package dev.jwtsigner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.TestKeys;
import dev.jwtsigner.keys.KeySource;
import dev.jwtsigner.keys.SigningKey;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cross-engine correctness: the JDK's providers, Bouncy Castle and the Amazon Corretto Crypto Provider (on
 * the test class path) each verify the Project Wycheproof RSA and ECDSA vectors the decoder's test uses, and
 * each verifies what every other one signs; ES512 is 132 bytes of r‖s whichever engine made it.
 */
class EngineTest {

  private static final Map<String, JwsAlgorithm> VECTORS = Map.of(
      "rsa_signature_2048_sha256_test.json", JwsAlgorithm.RS256,
      "rsa_signature_2048_sha512_test.json", JwsAlgorithm.RS512,
      "rsa_signature_4096_sha512_test.json", JwsAlgorithm.RS512,
      "ecdsa_secp521r1_sha512_p1363_test.json", JwsAlgorithm.ES512);

  /** Every engine the library may pick for {@code alg}: ACCP, Bouncy Castle, the JDK's default lookup. */
  static List<Engine> every(JwsAlgorithm alg) {
    Engine accp = Providers.engines(alg).get(0);
    assertThat(accp.description()).as("ACCP is on the test class path").startsWith("AmazonCorrettoCryptoProvider");
    return List.of(accp, Engine.of(Providers.bouncyCastle(), "BC"), Providers.jdk(alg));
  }

  static Stream<Arguments> enginesAndVectorFiles() {
    List<Arguments> rows = new ArrayList<>();
    for (Map.Entry<String, JwsAlgorithm> file : VECTORS.entrySet()) {
      for (Engine engine : every(file.getValue())) {
        rows.add(Arguments.of(engine.description(), file.getKey(), engine));
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("enginesAndVectorFiles")
  @SuppressWarnings("unchecked")
  void everyEngineAcceptsTheValidWycheproofVectorsAndRejectsTheInvalidOnes(String name, String file, Engine engine)
      throws Exception {
    JwsAlgorithm alg = VECTORS.get(file);
    Map<String, Object> vectors = JwsDecoderWycheproofTest.read(file);
    int checked = 0;
    List<String> wrong = new ArrayList<>();
    for (Map<String, Object> group : (List<Map<String, Object>>) vectors.get("testGroups")) {
      PublicKey key = KeyFactory.getInstance(alg.keyAlgorithm())
          .generatePublic(new X509EncodedKeySpec(HexFormat.of().parseHex((String) group.get("publicKeyDer"))));
      for (Map<String, Object> test : (List<Map<String, Object>>) group.get("tests")) {
        String result = (String) test.get("result");
        if (result.equals("acceptable")) {
          continue; // engines may differ there by design (a DigestInfo without NULL); the decoder's test states our choice
        }
        byte[] sig = hex(test.get("sig"));
        // as the decoder does before any engine sees it: an ES512 signature is exactly 132 bytes
        boolean formOk = alg != JwsAlgorithm.ES512 || sig.length == JwsDecoder.ES512_SIGNATURE_BYTES;
        boolean accepted = formOk && verifies(List.of(engine), alg, key, hex(test.get("msg")), sig);
        if (accepted != result.equals("valid")) {
          wrong.add("tcId " + test.get("tcId") + " (" + result + ")");
        }
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(100);
    if (name.startsWith("SunEC") && Runtime.version().feature() < 25) {
      // JDK 17's SunEC refuses two valid P-521 signatures whose k·G has an x-coordinate of n or more (fixed by
      // JDK 25): stricter, never accepting an invalid one. It signs ES512 only while Bouncy Castle loads, and
      // verifies only if neither ACCP nor Bouncy Castle is there.
      assertThat(wrong).as(name + " on " + file).isSubsetOf("tcId 184 (valid)", "tcId 313 (valid)");
      return;
    }
    assertThat(wrong).as(name + " on " + file).isEmpty();
  }

  static Stream<Arguments> signerAndVerifierPairs() {
    List<Arguments> rows = new ArrayList<>();
    for (JwsAlgorithm alg : JwsAlgorithm.values()) {
      for (Engine signer : every(alg)) {
        for (Engine verifier : every(alg)) {
          rows.add(Arguments.of(alg, signer.description(), verifier.description(), signer, verifier));
        }
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}: signed on {1}, verified on {2}")
  @MethodSource("signerAndVerifierPairs")
  void aTokenSignedOnEachEngineVerifiesOnEveryOther(JwsAlgorithm alg, String signerName, String verifierName,
      Engine signer, Engine verifier) throws Exception {
    String keyName = alg == JwsAlgorithm.ES512 ? "p521" : alg == JwsAlgorithm.RS256 ? "rsa2048" : "rsa4096";
    SigningKey key = KeySource.fromPemText(TestKeys.pem(keyName + ".pem")).signingKey();
    JoseSigner joseSigner = JoseSigner.prepare(key, alg, null, () -> List.of(signer));
    assertThat(joseSigner.engine()).isEqualTo(signer.description());

    String[] parts = joseSigner.sign("{\"sub\":\"u1\"}").split("\\.");
    byte[] signature = Base64.getUrlDecoder().decode(parts[2]);

    if (alg == JwsAlgorithm.ES512) {
      assertThat(signature).as("r‖s").hasSize(132);
    }
    byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
    assertThat(verifies(List.of(verifier), alg, ProvidersTest.publicKey(keyName, alg.keyAlgorithm()), input, signature)).isTrue();
  }

  @Test
  void eachEngineMakesItsOwnKeyObjectOnce() {
    SigningKey key = KeySource.fromPemText(TestKeys.pem("p521.pem")).signingKey();
    Engine accp = every(JwsAlgorithm.ES512).get(0);
    assertThat(accp.own(key.privateKey()).getClass().getName()).startsWith("com.amazon.corretto.crypto.provider.");
    assertThat(Providers.jdk(JwsAlgorithm.ES512).own(key.privateKey())).isSameAs(key.privateKey());
  }

  private static boolean verifies(List<Engine> engine, JwsAlgorithm alg, PublicKey key, byte[] msg, byte[] sig) {
    try {
      Signature verifier = Providers.verifier(engine, alg, key);
      verifier.update(msg);
      return verifier.verify(sig);
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void enginesAreEqualOnlyForTheSameProviderObjectAndDescription() {
    java.security.Provider sun = java.security.Security.getProvider("SUN");
    java.security.Provider copy = new java.security.Provider("SUN", "1", "a provider with another provider's name") {};
    Engine one = Engine.of(sun, "SUN (JDK)");
    assertThat(one).isEqualTo(Engine.of(sun, "SUN (JDK)")).hasSameHashCodeAs(Engine.of(sun, "SUN (JDK)"));
    assertThat(one).isNotEqualTo(Engine.of(copy, "SUN (JDK)")).isNotEqualTo(Engine.of(sun, "SUN (other)"));
    assertThat(Engine.of(null, "(JDK default)")).isEqualTo(Engine.of(null, "(JDK default)")).isNotEqualTo(one);
  }

  private static byte[] hex(Object text) {
    return HexFormat.of().parseHex((String) text);
  }
}
