package dev.jwtsigner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.TestKeys;
import dev.jwtsigner.keys.KeySource;
import dev.jwtsigner.keys.SigningKey;
import org.junit.jupiter.api.Test;

class PreparedSignersTest {

  private static final KeySource RSA2048 = keys("rsa2048");
  private static final JwsAlgorithm RS256 = JwsAlgorithm.RS256;

  @Test
  void aFailedSignatureIsReportedToTheKeySourceAndThrownAsItIs() {
    SigningKey bound = RSA2048.signingKey().withProvider(TestEngines.throwing(TestEngines.Stage.SIGN).provider());
    java.util.List<SigningKey> failed = new java.util.ArrayList<>();
    KeySource source = new KeySource() {
      @Override
      public SigningKey signingKey() {
        return bound;
      }

      @Override
      public void signingFailed(SigningKey key) {
        failed.add(key);
      }
    };

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PreparedSigners().sign(source, bound, RS256, null, "{}"))
        .isInstanceOfSatisfying(dev.jwtsigner.JwtSignerException.class,
            e -> assertThat(e.reason()).isEqualTo(dev.jwtsigner.JwtSignerException.Reason.SIGNING_FAILED));
    assertThat(failed).containsExactly(bound);
    assertThat(new PreparedSigners().sign(RSA2048, RSA2048.signingKey(), RS256, null, "{}")).as("a good key signs")
        .matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
  }

  @Test
  void preparesOneSignerPerKeyAndKid() {
    PreparedSigners cache = new PreparedSigners();
    SigningKey key = RSA2048.signingKey();
    JoseSigner first = cache.signerFor(key, RS256, "key_1");
    assertThat(cache.signerFor(key, RS256, "key_1")).isSameAs(first);
    assertThat(cache.signerFor(key, RS256, "key_2")).isNotSameAs(first);
    assertThat(cache.signerFor(key, RS256, null)).isNotSameAs(first);
    assertThat(cache.size()).isEqualTo(3);
  }

  @Test
  void reusesTheSignerForACopyOfTheSameKeyWithTheSameKid() {
    PreparedSigners cache = new PreparedSigners();
    KeySource withKid = () -> RSA2048.signingKey().withKeyId("key_1"); // a fresh SigningKey per call
    SigningKey a = withKid.signingKey();
    SigningKey b = withKid.signingKey();
    assertThat(b).isNotSameAs(a);
    assertThat(cache.signerFor(b, RS256, "key_1")).isSameAs(cache.signerFor(a, RS256, "key_1"));
  }

  @Test
  void preparesANewSignerWhenTheKeyUnderAKidChanges() {
    PreparedSigners cache = new PreparedSigners();
    SigningKey old = RSA2048.signingKey();
    SigningKey rotated = keys("rsa4096").signingKey();
    cache.signerFor(old, RS256, "key_1");
    JoseSigner signer = cache.signerFor(rotated, RS256, "key_1");
    assertThat(signer.key()).isSameAs(rotated);
    assertThat(cache.signerFor(rotated, RS256, "key_1")).isSameAs(signer);
  }

  @Test
  void staysBoundedWhenTheKidVariesFreely() {
    PreparedSigners cache = new PreparedSigners();
    SigningKey key = RSA2048.signingKey();
    for (int i = 0; i < 100; i++) {
      cache.signerFor(key, RS256, "kid-" + i);
    }
    assertThat(cache.size()).isBetween(1, PreparedSigners.MAX_SLOTS);
  }

  @Test
  void preparesANewSignerWhenTheAlgorithmChangesUnderTheSameKid() {
    PreparedSigners cache = new PreparedSigners();
    SigningKey key = keys("rsa4096").signingKey();
    JoseSigner rs256 = cache.signerFor(key, RS256, "key_1");
    JoseSigner rs512 = cache.signerFor(key, JwsAlgorithm.RS512, "key_1");
    assertThat(rs512).isNotSameAs(rs256);
    assertThat(rs512.algorithm()).isEqualTo(JwsAlgorithm.RS512);
    assertThat(cache.signerFor(key, JwsAlgorithm.RS512, "key_1")).isSameAs(rs512);
  }

  private static KeySource keys(String name) {
    return KeySource.fromPemText(TestKeys.pem(name + ".pem"));
  }
}
