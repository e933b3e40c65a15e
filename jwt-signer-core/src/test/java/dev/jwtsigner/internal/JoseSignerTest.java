package dev.jwtsigner.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.TestKeys;
import dev.jwtsigner.keys.KeySource;
import dev.jwtsigner.keys.SigningKey;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JoseSignerTest {

  @ParameterizedTest
  @CsvSource({"rsa2048, RS256, RSA", "rsa4096, RS512, RSA"})
  void rsaSignatureVerifiesWithTheJdk(String key, JwsAlgorithm alg, String keyAlg) throws Exception {
    SigningKey sk = KeySource.fromPemText(TestKeys.pem(key + ".pem")).withKeyId("k1").signingKey();
    String jws = JoseSigner.prepare(sk, alg).sign("{\"sub\":\"u1\"}");
    String[] parts = jws.split("\\.");
    assertThat(decode(parts[0])).isEqualTo("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\",\"kid\":\"k1\"}");
    assertThat(decode(parts[1])).isEqualTo("{\"sub\":\"u1\"}");
    Signature v = Signature.getInstance(alg.jcaName());
    v.initVerify(publicKey(key, keyAlg));
    v.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(v.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
  }

  @Test
  void es512SignsAs132BytesOfRsThatSunEcVerifies() throws Exception {
    SigningKey sk = KeySource.fromPemText(TestKeys.pem("p521.pem")).signingKey();
    JoseSigner signer = JoseSigner.prepare(sk, JwsAlgorithm.ES512);
    String jws = signer.sign("{\"sub\":\"u1\"}");
    String[] parts = jws.split("\\.");
    byte[] rs = Base64.getUrlDecoder().decode(parts[2]);
    assertThat(rs).hasSize(132);
    Signature v = Signature.getInstance("SHA512withECDSAinP1363Format", "SunEC");
    v.initVerify(publicKey("p521", "EC"));
    v.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(v.verify(rs)).isTrue();
    assertThat(decode(parts[0])).isEqualTo("{\"alg\":\"ES512\",\"typ\":\"JWT\"}");
  }

  @ParameterizedTest
  @CsvSource({"rsa2048, RS256", "rsa4096, RS512", "p521, ES512"})
  void anUnboundKeyMovesToAccpOnceItIsLoadedAndKeepsSigningValidTokens(String keyName, JwsAlgorithm alg) throws Exception {
    JoseSigner signer = JoseSigner.prepare(KeySource.fromPemText(TestKeys.pem(keyName + ".pem")).signingKey(), alg);
    assertThat(jdkVerifies(signer.sign("{\"sub\":\"before\"}"), keyName, alg)).isTrue();

    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!signer.providerName().equals("AmazonCorrettoCryptoProvider") && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }

    assertThat(signer.providerName()).isEqualTo("AmazonCorrettoCryptoProvider");
    assertThat(signer.engine()).matches("AmazonCorrettoCryptoProvider 2\\.5\\.0 \\(native AWS-LC v[0-9.]+\\)");
    assertThat(jdkVerifies(signer.sign("{\"sub\":\"after\"}"), keyName, alg)).isTrue();
  }

  @Test
  void withoutAccpEs512MovesToBouncyCastleAndRsaStaysOnTheJdk() throws Exception {
    EngineTable table = TestEngines.withoutAccp();
    SigningKey p521 = KeySource.fromPemText(TestKeys.pem("p521.pem")).signingKey();
    SigningKey rsa = KeySource.fromPemText(TestKeys.pem("rsa2048.pem")).signingKey();
    table.loaded(JwsAlgorithm.ES512);

    JoseSigner es512 = JoseSigner.prepare(p521, JwsAlgorithm.ES512, null, () -> table.ready(JwsAlgorithm.ES512));
    JoseSigner rs256 = JoseSigner.prepare(rsa, JwsAlgorithm.RS256, null, () -> table.ready(JwsAlgorithm.RS256));

    assertThat(es512.providerName()).isEqualTo("BC");
    assertThat(jdkVerifies(es512.sign("{}"), "p521", JwsAlgorithm.ES512)).isTrue();
    assertThat(rs256.providerName()).isEqualTo("(JDK default)");
    assertThat(rs256.engine()).matches("SunRsaSign [0-9.]+ \\(JDK\\)");
  }

  @ParameterizedTest
  @CsvSource({"INIT, rsa2048, RS256", "SIGN, rsa2048, RS256", "INIT, p521, ES512", "SIGN, p521, ES512"})
  void anEngineThatThrowsIsLeftForTheNextAndTheTokenIsStillSigned(TestEngines.Stage stage, String keyName,
      JwsAlgorithm alg) throws Exception {
    EngineTable table = TestEngines.withoutAccp();
    List<Engine> engines = TestEngines.first(TestEngines.throwing(stage), table, alg);
    JoseSigner signer = JoseSigner.prepare(KeySource.fromPemText(TestKeys.pem(keyName + ".pem")).signingKey(), alg,
        null, () -> engines);

    String jws = signer.sign("{\"sub\":\"u1\"}");

    assertThat(jdkVerifies(jws, keyName, alg)).isTrue();
    assertThat(signer.engine()).isEqualTo(engines.get(1).description());
    assertThat(jdkVerifies(signer.sign("{\"sub\":\"u2\"}"), keyName, alg)).as("and it stays there").isTrue();
  }

  @Test
  void whenEveryEngineButTheJdkThrowsTheJdkSigns() throws Exception {
    List<Engine> engines = List.of(TestEngines.throwing(TestEngines.Stage.SIGN), TestEngines.throwing(TestEngines.Stage.INIT),
        Providers.jdk(JwsAlgorithm.RS256));
    JoseSigner signer = JoseSigner.prepare(KeySource.fromPemText(TestKeys.pem("rsa2048.pem")).signingKey(),
        JwsAlgorithm.RS256, null, () -> engines);
    assertThat(jdkVerifies(signer.sign("{}"), "rsa2048", JwsAlgorithm.RS256)).isTrue();
    assertThat(signer.providerName()).isEqualTo("(JDK default)");
  }

  @Test
  void aKeyBoundToAProviderThatThrowsIsNeverMovedAndFailsWithSigningFailed() {
    SigningKey bound = KeySource.fromPemText(TestKeys.pem("rsa2048.pem")).signingKey()
        .withProvider(TestEngines.throwing(TestEngines.Stage.SIGN).provider());
    JoseSigner signer = JoseSigner.prepare(bound, JwsAlgorithm.RS256);

    assertThatThrownBy(() -> signer.sign("{}"))
        .isInstanceOfSatisfying(JwtSignerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SIGNING_FAILED))
        .hasMessage("the RS256 signature failed in provider ThrowingSIGN (SignatureException)."
            + " Fix: check that the key and its provider (HSM session) are usable.");
    assertThat(signer.engine()).isEqualTo("ThrowingSIGN 1.0 (bound to the key)");
  }

  @Test
  void aTokenSignedOnSunEcVerifiesWithBouncyCastle() throws Exception {
    SigningKey sunEc = KeySource.fromPemText(TestKeys.pem("p521.pem")).signingKey().withProvider(Security.getProvider("SunEC"));
    JoseSigner signer = JoseSigner.prepare(sunEc, JwsAlgorithm.ES512);
    String[] parts = signer.sign("{\"sub\":\"u1\"}").split("\\.");

    Signature bc = Signature.getInstance("SHA512withECDSAinP1363Format", Providers.bouncyCastle());
    bc.initVerify(publicKey("p521", "EC"));
    bc.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(bc.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    assertThat(signer.providerName()).as("a provider the caller chose is kept").isEqualTo("SunEC");
  }

  @ParameterizedTest
  @CsvSource({"rsa2048, RS256", "p521, ES512"})
  void signsOnFourThreadsAtOnceAndEveryTokenCarriesItsOwnValidSignature(String keyName, JwsAlgorithm alg) throws Exception {
    JoseSigner signer = JoseSigner.prepare(KeySource.fromPemText(TestKeys.pem(keyName + ".pem")).signingKey(), alg);
    PublicKey publicKey = publicKey(keyName, alg.keyAlgorithm());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> tokens = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String payload = "{\"sub\":\"user-" + i + "\"}";
        tokens.add(pool.submit(() -> signer.sign(payload)));
      }
      for (int i = 0; i < tokens.size(); i++) {
        String[] parts = tokens.get(i).get().split("\\.");
        assertThat(decode(parts[1])).isEqualTo("{\"sub\":\"user-" + i + "\"}");
        Signature v = Signature.getInstance(alg == JwsAlgorithm.ES512 ? "SHA512withECDSAinP1363Format" : alg.jcaName());
        v.initVerify(publicKey);
        v.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(v.verify(Base64.getUrlDecoder().decode(parts[2]))).as("token " + i).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aProviderThatCannotSignFailsWithSigningFailedAndNamesTheProvider() {
    SigningKey wrong = KeySource.fromPemText(TestKeys.pem("p521.pem")).signingKey().withProvider(Security.getProvider("SunRsaSign"));
    JoseSigner signer = JoseSigner.prepare(wrong, JwsAlgorithm.ES512);

    assertThatThrownBy(() -> signer.sign("{\"sub\":\"u1\"}"))
        .isInstanceOfSatisfying(JwtSignerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SIGNING_FAILED))
        .hasMessage("the ES512 signature failed in provider SunRsaSign (NoSuchAlgorithmException)."
            + " Fix: check that the key and its provider (HSM session) are usable.");
  }

  @Test
  void aKidIsWrittenAsAJsonStringWithItsQuotesEscaped() {
    SigningKey key = KeySource.fromPemText(TestKeys.pem("rsa2048.pem")).withKeyId("a\"b\\c").signingKey();
    String jws = JoseSigner.prepare(key, JwsAlgorithm.RS256).sign("{}");
    assertThat(decode(jws.split("\\.")[0])).isEqualTo("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"a\\\"b\\\\c\"}");
  }

  @Test
  void signsThePayloadBytesExactlyAsGivenInUtf8() {
    SigningKey key = KeySource.fromPemText(TestKeys.pem("rsa2048.pem")).signingKey();
    String payload = "{ \"name\" : \"Zoë \u20ac \ud83d\ude00\", \"n\":1.50}";
    String jws = JoseSigner.prepare(key, JwsAlgorithm.RS256).sign(payload);
    assertThat(decode(jws.split("\\.")[1])).isEqualTo(payload);
  }

  private static boolean jdkVerifies(String jws, String keyName, JwsAlgorithm alg) throws Exception {
    String[] parts = jws.split("\\.");
    Signature v = Signature.getInstance(Providers.signatureName(alg));
    v.initVerify(publicKey(keyName, alg.keyAlgorithm()));
    v.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    return v.verify(Base64.getUrlDecoder().decode(parts[2]));
  }

  private static String decode(String part) {
    return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
  }

  private static PublicKey publicKey(String key, String alg) throws Exception {
    String b64 = TestKeys.pem(key + ".pub.pem").replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
  }
}
