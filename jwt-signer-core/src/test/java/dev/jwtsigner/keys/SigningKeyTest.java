package dev.jwtsigner.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import dev.jwtsigner.TestKeys;
import java.security.PublicKey;
import java.security.Security;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPublicKey;
import org.junit.jupiter.api.Test;

class SigningKeyTest {

  private static final RemoteSigner NEVER = request -> {
    throw new AssertionError("not called");
  };

  @Test
  void aRemoteRsaKeyShowsTheServiceKeysModulusAndNoKeyMaterial() {
    PublicKey pub = PublicKeys.parse(TestKeys.pem("rsa2048.pub.pem"));
    SigningKey key = SigningKey.remote(pub, "kms-1", NEVER);

    assertThat(key.privateKey()).isInstanceOf(RSAKey.class);
    assertThat(((RSAKey) key.privateKey()).getModulus()).isEqualTo(((RSAPublicKey) pub).getModulus());
    assertThat(key.privateKey().getEncoded()).isNull();
    assertThat(key.privateKey().getFormat()).isNull();
    assertThat(key.publicKey()).containsSame(pub);
    assertThat(key.remoteSigner()).containsSame(NEVER);
    assertThat(key.provider()).isEmpty();
    assertThat(key.defaultAlgorithm()).isEqualTo(JwsAlgorithm.RS256);
    assertThat(key).hasToString("SigningKey[RSA 2048 bits, kid=kms-1, remote]");
  }

  @Test
  void aRemoteP521KeyDefaultsToEs512AndMayHaveNoKid() {
    SigningKey key = SigningKey.remote(PublicKeys.parse(TestKeys.pem("p521.pub.pem")), null, NEVER);
    assertThat(key.privateKey()).isInstanceOf(ECKey.class);
    assertThat(key.defaultAlgorithm()).isEqualTo(JwsAlgorithm.ES512);
    assertThat(key.keyId()).isEmpty();
    assertThat(key.withKeyId("k2").remoteSigner()).containsSame(NEVER);
    assertThat(key).hasToString("SigningKey[EC P-521, remote]");
  }

  @Test
  void refusesARemoteKeyTheAlgorithmsCannotUse() {
    assertThatThrownBy(() -> SigningKey.remote(PublicKeys.parse(TestKeys.pem("rsa1024.pub.pem")), "k", NEVER))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_TOO_SHORT))
        .hasMessageStartingWith("RSA key has 1024 bits; at least 2048 are required");
    assertThatThrownBy(() -> SigningKey.remote(PublicKeys.parse(TestKeys.pem("p256.pub.pem")), "k", NEVER))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_CURVE_UNSUPPORTED))
        .hasMessageStartingWith("EC key is on a 256-bit curve; ES512 needs P-521 (secp521r1).");
  }

  @Test
  void refusesNullArgumentsAndABlankKid() {
    PublicKey pub = PublicKeys.parse(TestKeys.pem("rsa2048.pub.pem"));
    assertThatThrownBy(() -> SigningKey.remote(null, "k", NEVER))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT))
        .hasMessage("publicKey is null. Fix: pass the key service's public key for this key, such as PublicKeys.parse(pem).");
    assertThatThrownBy(() -> SigningKey.remote(pub, "k", null))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT))
        .hasMessage("signer is null. Fix: pass the RemoteSigner that calls the key service.");
    assertThatThrownBy(() -> SigningKey.remote(pub, " ", NEVER))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_ID_INVALID));
  }

  @Test
  void aRemoteKeyCannotBeBoundToAProvider() {
    SigningKey key = SigningKey.remote(PublicKeys.parse(TestKeys.pem("rsa2048.pub.pem")), "k", NEVER);
    assertThatThrownBy(() -> key.withProvider(Security.getProvider("SunRsaSign")))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT))
        .hasMessage("provider cannot be set on a remote key: it signs through its RemoteSigner."
            + " Fix: bind the provider to a local key (KeySource.of(privateKey)), or leave the remote key as it is.");
  }

  @Test
  void aLocalKeyHasNoRemoteSignerOrPublicKey() {
    SigningKey key = KeySource.fromPemText(TestKeys.pem("rsa2048.pem")).signingKey();
    assertThat(key.remoteSigner()).isEmpty();
    assertThat(key.publicKey()).isEmpty();
  }
}
