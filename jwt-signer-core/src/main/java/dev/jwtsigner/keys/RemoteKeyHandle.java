package dev.jwtsigner.keys;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECParameterSpec;

/**
 * What {@link SigningKey#privateKey()} returns for a remote key: a handle that holds no key material, only
 * the public parameters (RSA modulus, EC curve) of the key that lives in the key service, so the checks that
 * read a key's type, size and curve read the remote key's. Like an HSM key, it has no encoding.
 */
abstract class RemoteKeyHandle implements PrivateKey {

  private static final long serialVersionUID = 1L;

  static PrivateKey of(PublicKey publicKey) {
    if (publicKey instanceof RSAPublicKey rsa) {
      return new Rsa(rsa.getModulus());
    }
    if (publicKey instanceof ECPublicKey ec) {
      return new Ec(ec.getParams());
    }
    throw new IllegalArgumentException("checked before: RSA or EC");
  }

  @Override
  public String getFormat() {
    return null;
  }

  @Override
  public byte[] getEncoded() {
    return null;
  }

  @Override
  public String toString() {
    return "RemoteKeyHandle[" + KeyChecks.describe(this) + "]";
  }

  private static final class Rsa extends RemoteKeyHandle implements RSAKey {
    private static final long serialVersionUID = 1L;
    private final BigInteger modulus;

    Rsa(BigInteger modulus) {
      this.modulus = modulus;
    }

    @Override
    public String getAlgorithm() {
      return "RSA";
    }

    @Override
    public BigInteger getModulus() {
      return modulus;
    }
  }

  private static final class Ec extends RemoteKeyHandle implements ECKey {
    private static final long serialVersionUID = 1L;
    private final transient ECParameterSpec params;

    Ec(ECParameterSpec params) {
      this.params = params;
    }

    @Override
    public String getAlgorithm() {
      return "EC";
    }

    @Override
    public ECParameterSpec getParams() {
      return params;
    }
  }
}
