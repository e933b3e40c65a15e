package dev.jwtsigner.internal;

import dev.jwtsigner.TestKeys;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** Test helpers: the core test keys as JCA objects, and hand-made compact tokens for attacks. */
final class Jws {

  private Jws() {}

  static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String b64(String utf8) {
    return b64(utf8.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] unb64(String part) {
    return Base64.getUrlDecoder().decode(part);
  }

  /** {@code b64(header).b64(payload).b64(signature)}. */
  static String token(String headerJson, String payloadJson, byte[] signature) {
    return b64(headerJson) + "." + b64(payloadJson) + "." + b64(signature);
  }

  /** {@code b64(header).b64(payload)}, signed with {@code jcaName} and {@code key}, as a compact JWS. */
  static String signed(String headerJson, String payloadJson, String jcaName, PrivateKey key) throws Exception {
    String input = b64(headerJson) + "." + b64(payloadJson);
    return input + "." + b64(sign(jcaName, key, input.getBytes(StandardCharsets.US_ASCII)));
  }

  static byte[] sign(String jcaName, PrivateKey key, byte[] input) throws Exception {
    Signature s = Signature.getInstance(jcaName);
    s.initSign(key);
    s.update(input);
    return s.sign();
  }

  /** The private key in {@code keys/<name>.pem}, read without the library's checks (so rsa1024 and p256 load). */
  static PrivateKey privateKey(String name) throws Exception {
    try (PEMParser parser = new PEMParser(new StringReader(TestKeys.pem(name + ".pem")))) {
      return new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parser.readObject());
    }
  }

  /** The public half of {@code keys/<name>.pem}, derived from the private key. */
  static PublicKey publicKey(String name) throws Exception {
    PrivateKey priv = privateKey(name);
    if (priv instanceof RSAPrivateCrtKey rsa) {
      return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
    }
    ECPrivateKey ec = (ECPrivateKey) priv;
    org.bouncycastle.math.ec.ECPoint q = EC5Util.convertSpec(ec.getParams()).getG().multiply(ec.getS()).normalize();
    ECPoint w = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
    return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, ec.getParams()));
  }
}
