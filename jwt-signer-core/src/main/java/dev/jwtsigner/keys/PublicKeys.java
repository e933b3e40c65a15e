package dev.jwtsigner.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.utils.ECChecks;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import dev.jwtsigner.internal.Jwks;
import java.io.IOException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.util.OpenSSHPublicKeyUtil;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Reads public keys in every form the key tools print: SPKI {@code PUBLIC KEY} PEM, PKCS#1
 * {@code RSA PUBLIC KEY} PEM (what {@code ssh-keygen -e -m PEM} prints for RSA), an X.509 certificate, an
 * OpenSSH line ({@code ssh-rsa ...}, {@code ecdsa-sha2-nistp521 ...}), a JWK and a JWKS.
 *
 * <pre>{@code
 * PublicKey key                 = PublicKeys.parse(Files.readString(Path.of("public.pem")));
 * List<PublicKey> all           = PublicKeys.parseAll(jwksJson);           // every key of a JWKS or PEM bundle
 * Map<String, PublicKey> byKid  = PublicKeys.parseAllWithIds(jwksJson);    // kid -> key
 * PublicKeys.check(key);                                                   // the signing rules, if wanted
 * }</pre>
 *
 * <p><b>No size or curve check while parsing.</b> Any RSA key and any EC key on a named curve loads, so a
 * verifier can load the key a platform holds and then refuse a token with a precise reason ("RSA key has
 * 1024 bits") instead of failing to start. {@link #check(PublicKey)} applies the same rules as a
 * {@link KeySource} (RSA of at least 2048 bits, EC on P-521) when a caller wants them. Key types that none
 * of RS256, RS512 and ES512 could use (Ed25519, symmetric JWKs) are refused, and so is private key
 * material, which never belongs where a public key is expected.
 */
public final class PublicKeys {

  private static final Pattern OPENSSH_LINE = Pattern.compile("^(ssh-|ecdsa-sha2-|sk-)\\S*\\s+AAAA\\S*(\\s.*)?$");
  private static final String FORMS = "expected a PEM public key (-----BEGIN PUBLIC KEY----- or -----BEGIN RSA PUBLIC KEY-----),"
      + " a certificate, an OpenSSH line (ssh-rsa AAAA...) or a JWK/JWKS";
  private static final String MAKE_PUBLIC = "print the public key with `openssl pkey -in private.pem -pubout`"
      + " or `ssh-keygen -e -m PEM -f jwtRS512.key`";

  private PublicKeys() {}

  private record Entry(String keyId, PublicKey key) {}

  /**
   * The one public key in {@code text} (a JWKS or PEM bundle with exactly one key is fine).
   *
   * @throws KeyRejectedException with {@code PUBLIC_KEY_MALFORMED} for text in no supported form,
   *     {@code PUBLIC_KEY_AMBIGUOUS} when it holds several keys, {@code KEY_TYPE_UNSUPPORTED} for an
   *     unusable key type
   */
  public static PublicKey parse(String text) {
    List<Entry> entries = read(text);
    if (entries.size() > 1) {
      throw new KeyRejectedException(Reason.PUBLIC_KEY_AMBIGUOUS,
          "public key text holds " + entries.size() + " keys where one was expected. Fix: pass a single key, or"
              + " use PublicKeys.parseAll / parseAllWithIds to trust each of them.");
    }
    return entries.get(0).key();
  }

  /**
   * Every public key in {@code text}: the keys of a JWKS, of several concatenated PEM blocks (certificates
   * included) or of several OpenSSH lines, in order.
   *
   * @throws KeyRejectedException as {@link #parse(String)}, except that several keys are fine
   */
  public static List<PublicKey> parseAll(String text) {
    return read(text).stream().map(Entry::key).toList();
  }

  /**
   * Every public key in {@code text} by its id: the JWK's {@code kid} where it has one, otherwise the key's
   * RFC 7638 thumbprint ({@link #thumbprint(PublicKey)}), which is also the kid that {@link KeyPairs} gives
   * the keys it makes. In input order; the same key twice is listed once.
   *
   * @throws KeyRejectedException as {@link #parseAll(String)}, and with {@code PUBLIC_KEY_AMBIGUOUS} when two
   *     different keys share a kid
   */
  public static Map<String, PublicKey> parseAllWithIds(String text) {
    Map<String, PublicKey> byId = new LinkedHashMap<>();
    for (Entry entry : read(text)) {
      String id = entry.keyId() != null ? entry.keyId() : thumbprint(entry.key());
      PublicKey previous = byId.putIfAbsent(id, entry.key());
      if (previous != null && !previous.equals(entry.key())) {
        throw new KeyRejectedException(Reason.PUBLIC_KEY_AMBIGUOUS,
            "public key text holds two different keys with kid \"" + id + "\". Fix: give each key its own kid.");
      }
    }
    return Collections.unmodifiableMap(byId);
  }

  /**
   * {@code key}, if RS256, RS512 or ES512 may use it: RSA of at least 2048 bits or EC on P-521.
   *
   * @throws KeyRejectedException with {@code KEY_TOO_SHORT}, {@code KEY_CURVE_UNSUPPORTED} or
   *     {@code KEY_TYPE_UNSUPPORTED}, naming the command that makes a right key
   */
  public static PublicKey check(PublicKey key) {
    if (key == null) {
      throw new KeyRejectedException(Reason.INVALID_ARGUMENT, "publicKey is null. Fix: pass the PublicKey to check.");
    }
    return KeyChecks.requireSupported(key);
  }

  /**
   * The RFC 7638 JWK thumbprint (SHA-256, base64url) of an RSA or EC public key: a stable id for the key.
   *
   * @throws KeyRejectedException with {@code KEY_TYPE_UNSUPPORTED} for another key type
   */
  public static String thumbprint(PublicKey key) {
    try {
      return toJwk(key, false).computeThumbprint().toString();
    } catch (JOSEException e) {
      throw new KeyRejectedException(Reason.KEY_TYPE_UNSUPPORTED,
          "the thumbprint of the " + key.getAlgorithm() + " key cannot be computed. Fix: pass an RSA or EC key.");
    }
  }

  /** The public JWK of an RSA or EC key, with {@code use: sig}, and its thumbprint as kid if asked. */
  static JWK toJwk(PublicKey key, boolean thumbprintKid) {
    KeyChecks.requireArgument(key, "publicKey", "pass an RSA or EC public key");
    try {
      if (key instanceof RSAPublicKey rsa) {
        if (rsa.getModulus() == null || rsa.getPublicExponent() == null) {
          throw new KeyRejectedException(Reason.KEY_EXPORT_FAILED,
              "the RSA key hides its numbers (a key store or HSM key?), so it has no JWK. Fix: pass the public key"
                  + " read from its PEM or certificate, such as with PublicKeys.parse.");
        }
        RSAKey.Builder builder = new RSAKey.Builder(rsa).keyUse(KeyUse.SIGNATURE);
        return (thumbprintKid ? builder.keyIDFromThumbprint() : builder).build();
      }
      if (key instanceof ECPublicKey ec) {
        Curve curve = Curve.forECParameterSpec(ec.getParams());
        if (curve == null) {
          throw new KeyRejectedException(Reason.KEY_CURVE_UNSUPPORTED,
              "the EC key is on a curve JWK cannot name. Fix: " + KeyChecks.MAKE_P521 + ".");
        }
        ECKey.Builder builder = new ECKey.Builder(curve, ec).keyUse(KeyUse.SIGNATURE);
        return (thumbprintKid ? builder.keyIDFromThumbprint() : builder).build();
      }
    } catch (JOSEException e) {
      throw new KeyRejectedException(Reason.KEY_EXPORT_FAILED,
          "the JWK thumbprint of the " + key.getAlgorithm() + " key cannot be computed (" + e.getClass().getSimpleName()
              + "). Fix: check that the JDK offers SHA-256.");
    }
    throw unsupported(KeyChecks.typeName(key));
  }

  private static List<Entry> read(String text) {
    if (text == null || text.isBlank()) {
      throw malformed("public key text is " + (text == null ? "null" : "empty") + "; " + FORMS + ". Fix: " + MAKE_PUBLIC + ".");
    }
    String trimmed = text.strip();
    List<Entry> entries;
    if (trimmed.startsWith("{")) {
      entries = json(trimmed);
    } else if (trimmed.contains("---- BEGIN SSH2 PUBLIC KEY ----")) {
      throw malformed("public key text is an RFC 4716 SSH2 public key (what `ssh-keygen -e` prints without -m); " + FORMS
          + ". Fix: print it as PEM with `ssh-keygen -e -m PEM -f key.pub`.");
    } else if (trimmed.contains("-----BEGIN")) {
      entries = pem(trimmed);
    } else if (OPENSSH_LINE.matcher(trimmed.lines().map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#")).findFirst().orElse("")).matches()) {
      entries = openSsh(trimmed);
    } else {
      throw malformed("public key text is in no supported form; " + FORMS + ". Fix: " + MAKE_PUBLIC + ".");
    }
    if (entries.isEmpty()) {
      throw malformed("public key text holds no public key; " + FORMS + ". Fix: " + MAKE_PUBLIC + ".");
    }
    return entries;
  }

  private static List<Entry> json(String text) {
    List<JWK> jwks = Jwks.read(text);
    if (jwks == null) {
      throw malformed("public key text is JSON but not a valid JWK or JWKS (RFC 7517). Fix: pass the JWK"
          + " ({\"kty\":\"RSA\",\"n\":...,\"e\":...}) or JWKS ({\"keys\":[...]}) as published.");
    }
    List<Entry> entries = new ArrayList<>();
    for (JWK jwk : jwks) {
      if (jwk.isPrivate()) {
        throw privateMaterial("a private or secret JWK (it has \"d\" or \"k\")", "publish only the public half, such as with nimbus' jwk.toPublicJWK()");
      }
      try {
        if (jwk instanceof RSAKey rsa) {
          entries.add(new Entry(jwk.getKeyID(), rsa.toRSAPublicKey()));
        } else if (jwk instanceof ECKey ec) {
          entries.add(new Entry(jwk.getKeyID(), ec.toECPublicKey()));
        } else {
          throw unsupported("JWK " + jwk.getKeyType());
        }
      } catch (JOSEException e) {
        throw malformed("public key text holds a JWK whose key values are invalid. Fix: publish the JWK again from the key.");
      }
    }
    return entries;
  }

  private static List<Entry> pem(String text) {
    List<Entry> entries = new ArrayList<>();
    for (PemObject block : BouncyCastlePem.blocks(text, PublicKeys::garbled)) {
      if (block.getType().endsWith("PRIVATE KEY")) {
        throw privateMaterial("a private key (-----BEGIN " + block.getType() + "-----)", MAKE_PUBLIC);
      }
      Object item = BouncyCastlePem.parse(block, PublicKeys::garbled);
      if (item instanceof SubjectPublicKeyInfo info) {
        entries.add(new Entry(null, convert(info)));
      } else if (item instanceof X509CertificateHolder certificate) {
        entries.add(new Entry(null, convert(certificate.getSubjectPublicKeyInfo())));
      } else if (item instanceof PrivateKeyInfo || item instanceof PEMKeyPair
          || item instanceof PEMEncryptedKeyPair || item instanceof PKCS8EncryptedPrivateKeyInfo) {
        throw privateMaterial("a private key", MAKE_PUBLIC);
      } else if (!(item instanceof ASN1ObjectIdentifier)) { // EC PARAMETERS: skipped
        throw malformed("public key text holds a -----BEGIN " + block.getType() + "----- block, which is not a public key; "
            + FORMS + ". Fix: " + MAKE_PUBLIC + ".");
      }
    }
    return entries;
  }

  private static List<Entry> openSsh(String text) {
    List<Entry> entries = new ArrayList<>();
    int lineNumber = 0;
    for (String line : text.lines().toList()) {
      lineNumber++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String[] parts = trimmed.split("\\s+");
      try {
        if (parts.length < 2) {
          throw new IllegalArgumentException("no key");
        }
        byte[] blob = Base64.getDecoder().decode(parts[1]);
        entries.add(new Entry(null, convert(SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(
            OpenSSHPublicKeyUtil.parsePublicKey(blob)))));
      } catch (IOException | RuntimeException e) {
        if (e instanceof KeyRejectedException rejected) {
          throw rejected;
        }
        throw malformed("public key text line " + lineNumber + " is not a valid OpenSSH public key line"
            + " (type, base64 key, comment). Fix: pass the .pub file as ssh-keygen wrote it, or " + MAKE_PUBLIC + ".");
      }
    }
    return entries;
  }

  private static PublicKey convert(SubjectPublicKeyInfo info) {
    PublicKey key;
    try {
      key = new JcaPEMKeyConverter().getPublicKey(ExplicitCurves.named(info));
    } catch (KeyRejectedException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw unsupported("OID " + info.getAlgorithm().getAlgorithm().getId());
    }
    if (key instanceof RSAPublicKey) {
      return key;
    }
    if (key instanceof ECPublicKey ec) {
      if (Curve.forECParameterSpec(ec.getParams()) == null) {
        throw new KeyRejectedException(Reason.KEY_CURVE_UNSUPPORTED,
            "public key text holds an EC key on an unnamed or unknown curve; ES512 needs P-521. Fix: "
                + KeyChecks.MAKE_P521 + ".");
      }
      // the JDK's EC key factory takes any point; a JWK's is checked when nimbus reads it, an OpenSSH line's by BC
      if (!ECChecks.isPointOnCurve(ec, ec.getParams())) {
        throw malformed("public key text holds an EC key whose point is not on its curve (a corrupted or edited key)."
            + " Fix: " + MAKE_PUBLIC + ".");
      }
      return key;
    }
    throw unsupported(KeyChecks.typeName(key));
  }

  private static KeyRejectedException unsupported(String type) {
    return new KeyRejectedException(Reason.KEY_TYPE_UNSUPPORTED,
        "public key text holds a key of type " + type + ", which RS256, RS512 and ES512 cannot use. Fix: use an RSA key"
            + " (" + KeyChecks.MAKE_RSA + ") or an EC P-521 key (" + KeyChecks.MAKE_P521 + ").");
  }

  private static KeyRejectedException privateMaterial(String what, String fix) {
    return malformed("public key text holds " + what + "; never share or upload private key material. Fix: " + fix + ".");
  }

  private static KeyRejectedException garbled() {
    return malformed("public key text holds a garbled or truncated PEM block. Fix: copy the whole block, from"
        + " -----BEGIN to -----END, or " + MAKE_PUBLIC + ".");
  }

  private static KeyRejectedException malformed(String message) {
    return new KeyRejectedException(Reason.PUBLIC_KEY_MALFORMED, message);
  }
}
