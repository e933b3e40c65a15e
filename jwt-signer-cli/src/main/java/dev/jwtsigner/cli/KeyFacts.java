package dev.jwtsigner.cli;

import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util;

/**
 * What a key file is, read from its text without decrypting it: the format, whether it holds a private
 * key, and whether that key is encrypted. Parsing and checking the key itself is the library's.
 */
record KeyFacts(String format, boolean isPrivate, boolean encrypted) {

  private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");
  private static final Map<String, String> PEM_FORMATS = Map.of(
      "PRIVATE KEY", "PKCS#8 PEM (PRIVATE KEY)",
      "ENCRYPTED PRIVATE KEY", "encrypted PKCS#8 PEM (ENCRYPTED PRIVATE KEY)",
      "RSA PRIVATE KEY", "PKCS#1 PEM (RSA PRIVATE KEY)",
      "EC PRIVATE KEY", "SEC1 PEM (EC PRIVATE KEY)",
      "OPENSSH PRIVATE KEY", "OpenSSH private key (OPENSSH PRIVATE KEY)",
      "PUBLIC KEY", "SPKI PEM (PUBLIC KEY)",
      "RSA PUBLIC KEY", "PKCS#1 PEM (RSA PUBLIC KEY)",
      "CERTIFICATE", "X.509 certificate PEM");

  static KeyFacts of(String text) {
    String t = text.strip();
    if (t.startsWith("{")) {
      Map<String, Object> json = Json.parseObject(t);
      boolean set = json != null && json.containsKey("keys");
      boolean secret = json != null && (json.containsKey("d") || json.containsKey("k"));
      return new KeyFacts(set ? "JWKS (JSON Web Key Set)" : "JWK (JSON Web Key)", secret, false);
    }
    if (t.startsWith("ssh-") || t.startsWith("ecdsa-sha2-")) {
      return new KeyFacts("OpenSSH public key line", false, false);
    }
    if (t.startsWith("---- BEGIN SSH2 PUBLIC KEY")) {
      return new KeyFacts("RFC 4716 SSH2 public key", false, false);
    }
    Matcher m = BEGIN.matcher(t);
    String type = null;
    while (m.find()) {
      if (type == null || "CERTIFICATE".equals(type)) {
        type = m.group(1);
      }
    }
    if (type == null) {
      return new KeyFacts("unknown (no PEM block, JWK or OpenSSH line)", false, false);
    }
    boolean legacyEncrypted = t.contains("Proc-Type: 4,ENCRYPTED");
    String format = PEM_FORMATS.getOrDefault(type, "PEM block " + type);
    if (legacyEncrypted) {
      format += ", legacy encrypted (Proc-Type: 4,ENCRYPTED)";
    }
    boolean encrypted = legacyEncrypted || "ENCRYPTED PRIVATE KEY".equals(type)
        || ("OPENSSH PRIVATE KEY".equals(type) && openSshEncrypted(t));
    return new KeyFacts(format, type.contains("PRIVATE"), encrypted);
  }

  /** An OpenSSH private key names its cipher right after the magic; {@code none} means not encrypted. */
  private static boolean openSshEncrypted(String text) {
    try {
      String body = text.replaceAll("(?s).*-----BEGIN OPENSSH PRIVATE KEY-----", "")
          .replaceAll("(?s)-----END OPENSSH PRIVATE KEY-----.*", "").replaceAll("\\s", "");
      ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(body));
      b.position("openssh-key-v1\0".length());
      byte[] cipher = new byte[b.getInt()];
      b.get(cipher);
      return !"none".equals(new String(cipher, StandardCharsets.US_ASCII));
    } catch (RuntimeException e) { // garbled: the library says so when it reads the key
      return false;
    }
  }

  /** {@code RSA, 2048 bits} or {@code EC, P-521}. */
  static String describe(java.security.Key key) {
    if (key instanceof RSAKey rsa) {
      return "RSA, " + rsa.getModulus().bitLength() + " bits";
    }
    if (key instanceof ECKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      String curve = switch (bits) {
        case 256 -> "P-256";
        case 384 -> "P-384";
        case 521 -> "P-521";
        default -> bits + "-bit curve";
      };
      return "EC, " + curve;
    }
    return key.getAlgorithm();
  }

  /** The public half of an RSA (CRT) or EC private key. */
  static PublicKey publicOf(PrivateKey key) {
    try {
      if (key instanceof RSAPrivateCrtKey rsa) {
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
      }
      if (key instanceof ECPrivateKey ec) {
        org.bouncycastle.math.ec.ECPoint q = EC5Util.convertSpec(ec.getParams()).getG().multiply(ec.getS()).normalize();
        BigInteger x = q.getAffineXCoord().toBigInteger();
        BigInteger y = q.getAffineYCoord().toBigInteger();
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), ec.getParams()));
      }
    } catch (GeneralSecurityException e) {
      throw new KeyRejectedException(Reason.KEY_TYPE_UNSUPPORTED,
          "the public key cannot be derived from this private key (" + e.getClass().getSimpleName() + ")."
              + " Fix: pass the public key file instead.");
    }
    throw new JwtSignerException(Reason.KEY_TYPE_UNSUPPORTED, "the private key does not expose its public half"
        + " (a key store or HSM key?). Fix: pass the public key file instead.");
  }
}
