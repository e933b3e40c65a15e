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
import java.util.Base64;
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
    assertThat(decode(parts[0])).isEqualTo("{\"kid\":\"k1\",\"typ\":\"JWT\",\"alg\":\"" + alg + "\"}");
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
    assertThat(decode(parts[0])).isEqualTo("{\"typ\":\"JWT\",\"alg\":\"ES512\"}");
  }

  @Test
  void choosesBouncyCastleOnlyForEs512() {
    assertThat(Providers.fastestFor(JwsAlgorithm.ES512)).containsSame(Providers.bouncyCastle());
    assertThat(Providers.fastestFor(JwsAlgorithm.RS256)).isEmpty();
    assertThat(java.security.Security.getProvider("BC")).as("never registered globally").isNull();
  }

  private static String decode(String part) {
    return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
  }

  private static PublicKey publicKey(String key, String alg) throws Exception {
    String b64 = TestKeys.pem(key + ".pub.pem").replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
  }
}
