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
  void es512SignsOnBouncyCastleAndVerifiesWithSunEc() throws Exception {
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

  @Test
  void es512OnAnUnboundKeyMovesToBouncyCastleOnceItIsLoaded() throws Exception {
    JoseSigner signer = JoseSigner.prepare(KeySource.fromPemText(TestKeys.pem("p521.pem")).signingKey(), JwsAlgorithm.ES512);
    assertThat(signer.providerName()).isIn("SunEC", "(JDK default)", "BC");
    assertThat(sunEcVerifies(signer.sign("{\"sub\":\"before\"}"))).isTrue();

    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!signer.providerName().equals("BC") && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }

    assertThat(signer.providerName()).isEqualTo("BC");
    assertThat(sunEcVerifies(signer.sign("{\"sub\":\"after\"}"))).isTrue();
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
  void rsaSignsOnTheJdksDefaultLookup() {
    JoseSigner signer = JoseSigner.prepare(KeySource.fromPemText(TestKeys.pem("rsa2048.pem")).signingKey(), JwsAlgorithm.RS256);
    assertThat(signer.providerName()).isEqualTo("(JDK default)");
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

  @Test
  void choosesBouncyCastleOnlyForEs512() {
    assertThat(Providers.fastestFor(JwsAlgorithm.ES512)).containsSame(Providers.bouncyCastle());
    assertThat(Providers.fastestFor(JwsAlgorithm.RS256)).isEmpty();
    assertThat(java.security.Security.getProvider("BC")).as("never registered globally").isNull();
  }

  private static boolean sunEcVerifies(String jws) throws Exception {
    String[] parts = jws.split("\\.");
    Signature v = Signature.getInstance("SHA512withECDSAinP1363Format", "SunEC");
    v.initVerify(publicKey("p521", "EC"));
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
