package dev.jwtsigner.keys;

import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import java.io.IOException;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * EC keys written with the curve's parameters spelled out ({@code openssl ecparam -param_enc explicit})
 * instead of the curve's name. The JDK reads only named curves, so a key whose parameters are P-521's
 * (field, coefficients, base point, order and cofactor all equal) is rewritten to name secp521r1; any other
 * explicit curve is refused as a curve ES512 cannot use.
 */
final class ExplicitCurves {

  private static final X9ECParameters P521 = ECNamedCurveTable.getByOID(SECObjectIdentifiers.secp521r1);
  private static final AlgorithmIdentifier P521_ALGORITHM =
      new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp521r1);

  private ExplicitCurves() {}

  /** {@code info}, with explicit P-521 parameters replaced by the curve's name. */
  static PrivateKeyInfo named(PrivateKeyInfo info, String origin) {
    X9ECParameters explicit = explicitParameters(info.getPrivateKeyAlgorithm());
    if (explicit == null) {
      return info;
    }
    requireP521(explicit, origin + " holds an EC private key");
    try {
      ECPrivateKey key = ECPrivateKey.getInstance(info.parsePrivateKey());
      return new PrivateKeyInfo(P521_ALGORITHM,
          new ECPrivateKey(P521.getN().bitLength(), key.getKey(), key.getPublicKey(), SECObjectIdentifiers.secp521r1));
    } catch (IOException | RuntimeException e) {
      throw BouncyCastlePem.garbled(origin);
    }
  }

  /** {@code info}, with explicit P-521 parameters replaced by the curve's name. */
  static SubjectPublicKeyInfo named(SubjectPublicKeyInfo info) {
    X9ECParameters explicit = explicitParameters(info.getAlgorithm());
    if (explicit == null) {
      return info;
    }
    requireP521(explicit, "public key text holds an EC key");
    return new SubjectPublicKeyInfo(P521_ALGORITHM, info.getPublicKeyData());
  }

  /** The explicit curve of an {@code id-ecPublicKey} algorithm, or null for a named curve or another algorithm. */
  private static X9ECParameters explicitParameters(AlgorithmIdentifier algorithm) {
    ASN1Encodable parameters = algorithm.getParameters();
    if (!X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm()) || parameters == null) {
      return null;
    }
    try {
      X962Parameters x962 = X962Parameters.getInstance(parameters);
      return x962.isNamedCurve() || x962.isImplicitlyCA() ? null : X9ECParameters.getInstance(x962.getParameters());
    } catch (RuntimeException e) {
      return null; // the JDK's converter then refuses it with its own reason
    }
  }

  private static void requireP521(X9ECParameters curve, String what) {
    boolean p521 = curve.getCurve().equals(P521.getCurve()) && curve.getG().equals(P521.getG())
        && curve.getN().equals(P521.getN()) && (curve.getH() == null || curve.getH().equals(P521.getH()));
    if (!p521) {
      throw new KeyRejectedException(Reason.KEY_CURVE_UNSUPPORTED,
          what + " with explicit parameters of a " + curve.getCurve().getFieldSize()
              + "-bit curve that is not P-521; ES512 needs P-521 (secp521r1). Fix: " + KeyChecks.MAKE_P521 + ".");
    }
  }
}
