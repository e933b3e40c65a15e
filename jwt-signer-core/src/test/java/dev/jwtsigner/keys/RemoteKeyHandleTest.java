package dev.jwtsigner.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsigner.TestKeys;
import java.security.PrivateKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPublicKey;
import org.junit.jupiter.api.Test;

/** The stand-in private key of a remote signer: it names the key's type and size, and holds no secret. */
class RemoteKeyHandleTest {

  @Test
  void anRsaHandleNamesItsAlgorithmAndModulusAndHasNoEncoding() {
    RSAPublicKey publicKey = (RSAPublicKey) PublicKeys.parse(TestKeys.pem("rsa2048.pub.pem"));

    PrivateKey handle = RemoteKeyHandle.of(publicKey);

    assertThat(handle.getAlgorithm()).isEqualTo("RSA");
    assertThat(((RSAKey) handle).getModulus()).isEqualTo(publicKey.getModulus());
    assertThat(handle.getEncoded()).isNull();
    assertThat(handle.getFormat()).isNull();
    assertThat(handle).hasToString("RemoteKeyHandle[RSA 2048 bits]");
  }

  @Test
  void anEcHandleNamesItsAlgorithmAndCurve() {
    ECPublicKey publicKey = (ECPublicKey) PublicKeys.parse(TestKeys.pem("p521.pub.pem"));

    PrivateKey handle = RemoteKeyHandle.of(publicKey);

    assertThat(handle.getAlgorithm()).isEqualTo("EC");
    assertThat(((ECKey) handle).getParams()).isSameAs(publicKey.getParams());
    assertThat(handle).hasToString("RemoteKeyHandle[EC P-521]");
  }

  @Test
  void takesOnlyRsaAndEcKeys() throws Exception {
    java.security.PublicKey ed = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();

    assertThatThrownBy(() -> RemoteKeyHandle.of(ed)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("checked before: RSA or EC");
  }
}
