package dev.jwtsigner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.keys.KeySource;
import java.security.PrivateKey;
import org.junit.jupiter.api.Test;

class JwsAlgorithmTest {

  private final PrivateKey rsa = KeySource.fromPemText(TestKeys.pem("rsa2048.pem")).signingKey().privateKey();
  private final PrivateKey ec = KeySource.fromPemText(TestKeys.pem("p521.pem")).signingKey().privateKey();

  @Test
  void defaultsToRs256ForRsaAndEs512ForEc() {
    assertThat(JwsAlgorithm.forKey(rsa)).isEqualTo(JwsAlgorithm.RS256);
    assertThat(JwsAlgorithm.forKey(ec)).isEqualTo(JwsAlgorithm.ES512);
  }

  @Test
  void fitsOnlyKeysOfItsType() {
    assertThat(JwsAlgorithm.RS512.fits(rsa)).isTrue();
    assertThat(JwsAlgorithm.RS512.fits(ec)).isFalse();
    assertThat(JwsAlgorithm.ES512.fits(ec)).isTrue();
    assertThat(JwsAlgorithm.ES512.fits(rsa)).isFalse();
    assertThat(JwsAlgorithm.RS256.fits(null)).isFalse();
  }

  @Test
  void namesTheJcaAlgorithms() {
    assertThat(JwsAlgorithm.RS256.jcaName()).isEqualTo("SHA256withRSA");
    assertThat(JwsAlgorithm.RS512.jcaName()).isEqualTo("SHA512withRSA");
    assertThat(JwsAlgorithm.ES512.jcaName()).isEqualTo("SHA512withECDSA");
    assertThat(JwsAlgorithm.ES512.keyAlgorithm()).isEqualTo("EC");
  }

  @Test
  void parsesOnlyTheSupportedJoseNames() {
    assertThat(JwsAlgorithm.fromJoseName("RS512")).contains(JwsAlgorithm.RS512);
    assertThat(JwsAlgorithm.fromJoseName("none")).isEmpty();
    assertThat(JwsAlgorithm.fromJoseName("rs256")).isEmpty();
    assertThat(JwsAlgorithm.fromJoseName("HS256")).isEmpty();
    assertThat(JwsAlgorithm.fromJoseName(null)).isEmpty();
  }
}
