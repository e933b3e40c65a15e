package dev.jwtsigner.keys;

import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import dev.jwtsigner.internal.SafeText;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * The public half of a signing key: from an RSA CRT key's modulus and public exponent, from an EC key's
 * private scalar (Q = d·G on P-521, computed by Bouncy Castle), or from what the source knew already (a key
 * store entry's certificate). A key that hides its numbers (in an HSM) and came without a certificate has none.
 */
final class PublicHalves {

  private static final X9ECParameters P521 = CustomNamedCurves.getByName("secp521r1");

  private PublicHalves() {}

  static PublicKey of(Publishable.Published published) {
    if (published.publicKey() != null) {
      return published.publicKey();
    }
    PrivateKey key = published.key().privateKey();
    try {
      if (key instanceof RSAPrivateCrtKey rsa && rsa.getModulus() != null && rsa.getPublicExponent() != null) {
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
      }
      if (key instanceof ECPrivateKey ec && ec.getS() != null && ec.getParams() != null) {
        return ecPublic(ec.getS(), ec);
      }
    } catch (GeneralSecurityException | IllegalArgumentException | UnsupportedOperationException e) {
      // an HSM key may claim an interface and still refuse its numbers: treated as hidden below
    }
    throw new KeyRejectedException(Reason.KEY_EXPORT_FAILED,
        "the public half of " + (published.keyId() == null ? "the signing key" : "kid \"" + SafeText.of(published.keyId()) + "\"")
            + " (" + KeyChecks.describe(key) + ") is unknown: the key hides its numbers (an HSM or key store keeps it) and no"
            + " certificate came with it. Fix: load it with KeySource.fromKeyStore from an entry that holds its certificate.");
  }

  private static PublicKey ecPublic(BigInteger d, ECPrivateKey ec) throws GeneralSecurityException {
    org.bouncycastle.math.ec.ECPoint q = new FixedPointCombMultiplier().multiply(P521.getG(), d).normalize();
    ECPoint point = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
    return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, ec.getParams()));
  }
}
