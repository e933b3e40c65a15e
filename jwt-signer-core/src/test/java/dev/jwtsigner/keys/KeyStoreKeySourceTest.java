package dev.jwtsigner.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.TestKeys;
import java.security.KeyStore;
import org.junit.jupiter.api.Test;

/**
 * {@link KeySource#fromKeyStore} reading its entry again after a failed signature, on a PKCS#12 store in
 * memory (the SoftHSM2 token's lost session is in {@link KeyStoreKeysTest}).
 */
class KeyStoreKeySourceTest {

  private static final String PASS = KeySourceTest.PASS;

  private final KeyStore store;
  private final KeySource source;

  KeyStoreKeySourceTest() throws Exception {
    store = KeySourceTest.pkcs12();
    source = KeySource.fromKeyStore(store, "jwt", PASS.toCharArray());
  }

  @Test
  void returnsTheSameKeyUntilASignatureWithItFails() {
    SigningKey first = source.signingKey();
    assertThat(source.signingKey()).isSameAs(first);

    source.signingFailed(first);

    SigningKey again = source.signingKey();
    assertThat(again).as("read again from the store").isNotSameAs(first);
    assertThat(again.privateKey().getEncoded()).isEqualTo(first.privateKey().getEncoded());
    assertThat(source.signingKey()).isSameAs(again);
  }

  @Test
  void aFailureOfAnotherKeyChangesNothing() {
    SigningKey first = source.signingKey();
    source.signingFailed(KeySource.fromPemText(TestKeys.pem("rsa2048.pem")).signingKey());
    source.signingFailed(null);
    assertThat(source.signingKey()).isSameAs(first);
  }

  @Test
  void readsTheEntryAgainAtMostOnceASecond() {
    SigningKey first = source.signingKey();
    source.signingFailed(first);
    SigningKey second = source.signingKey();
    source.signingFailed(second);
    assertThat(source.signingKey()).as("within the second: the key read last").isSameAs(second);
  }

  @Test
  void keepsTheLastKeyWhenTheEntryCannotBeReadAgain() throws Exception {
    SigningKey first = source.signingKey();
    store.deleteEntry("jwt"); // as a token that is still away
    source.signingFailed(first);
    assertThat(source.signingKey()).isSameAs(first);
  }

  @Test
  void aKidSetOnTheSourcePassesTheFailureOn() {
    KeySource withKid = source.withKeyId("key_1");
    SigningKey first = withKid.signingKey();
    assertThat(first.keyId()).contains("key_1");

    withKid.signingFailed(first);

    assertThat(withKid.signingKey()).isNotSameAs(first);
    assertThat(withKid.signingKey().keyId()).contains("key_1");
  }

  @Test
  void neverShowsThePassword() {
    assertThat(source.toString()).startsWith("KeySource.fromKeyStore(jwt)[").doesNotContain(PASS);
  }
}
