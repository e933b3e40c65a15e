package dev.jwtsigner.apto;

import static dev.jwtsigner.apto.AptoFixtures.keys;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.internal.JoseSigner;
import dev.jwtsigner.keys.KeySource;
import dev.jwtsigner.keys.SigningKey;
import org.junit.jupiter.api.Test;

class SignerCacheTest {

  private static final KeySource RSA2048 = keys("rsa2048");

  @Test
  void preparesOneSignerPerKeyAndKid() {
    SignerCache cache = new SignerCache();
    SigningKey key = RSA2048.signingKey();
    JoseSigner first = cache.signerFor(key, "key_1");
    assertThat(cache.signerFor(key, "key_1")).isSameAs(first);
    assertThat(cache.signerFor(key, "key_2")).isNotSameAs(first);
    assertThat(cache.signerFor(key, null)).isNotSameAs(first);
    assertThat(cache.size()).isEqualTo(3);
  }

  @Test
  void reusesTheSignerForACopyOfTheSameKeyWithTheSameKid() {
    SignerCache cache = new SignerCache();
    KeySource withKid = () -> RSA2048.signingKey().withKeyId("key_1"); // a fresh SigningKey per call
    SigningKey a = withKid.signingKey();
    SigningKey b = withKid.signingKey();
    assertThat(b).isNotSameAs(a);
    assertThat(cache.signerFor(b, "key_1")).isSameAs(cache.signerFor(a, "key_1"));
  }

  @Test
  void preparesANewSignerWhenTheKeyUnderAKidChanges() {
    SignerCache cache = new SignerCache();
    SigningKey old = RSA2048.signingKey();
    SigningKey rotated = keys("rsa4096").signingKey();
    cache.signerFor(old, "key_1");
    JoseSigner signer = cache.signerFor(rotated, "key_1");
    assertThat(signer.key()).isSameAs(rotated);
    assertThat(cache.signerFor(rotated, "key_1")).isSameAs(signer);
  }

  @Test
  void staysBoundedWhenTheKidVariesFreely() {
    SignerCache cache = new SignerCache();
    SigningKey key = RSA2048.signingKey();
    for (int i = 0; i < 100; i++) {
      cache.signerFor(key, "kid-" + i);
    }
    assertThat(cache.size()).isBetween(1, SignerCache.MAX_SLOTS);
  }
}
