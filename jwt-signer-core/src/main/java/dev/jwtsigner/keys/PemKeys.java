package dev.jwtsigner.keys;

import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import dev.jwtsigner.internal.OptionalBouncyCastle;
import dev.jwtsigner.internal.SafeText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.UnaryOperator;

/**
 * Reads a private key from a file, an environment variable or PEM text. The two key files the platforms'
 * guides make, an unencrypted PKCS#8 {@code PRIVATE KEY} and a PKCS#1 {@code RSA PRIVATE KEY} (as
 * {@code ssh-keygen -m PEM} and {@code openssl genrsa -traditional} write them), are read with the JDK
 * alone; every other form, and anything the JDK refuses, goes to {@link BouncyCastlePem}, which also
 * gives the precise error. So a service with a plain key never loads Bouncy Castle's PEM classes: checking
 * the signatures of its jars is most of what start-up would otherwise cost.
 */
final class PemKeys {

  /** No key file is larger than this; a bigger file is something else. */
  static final int MAX_FILE_BYTES = 1 << 20;

  private static final String BEGIN = "-----BEGIN ";
  private static final String DASHES = "-----";
  private static final byte SEQUENCE = 0x30;
  private static final byte INTEGER = 0x02;
  private static final byte OBJECT_IDENTIFIER = 0x06;
  /** 1.2.840.113549.1.1.1 (rsaEncryption) and 1.2.840.10045.2.1 (id-ecPublicKey), DER content bytes. */
  private static final byte[] RSA_OID = {0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01};
  private static final byte[] EC_OID = {0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02, 0x01};
  /** AlgorithmIdentifier {rsaEncryption, NULL} (RFC 8017 appendix A.1), DER-encoded. */
  private static final byte[] RSA_ALGORITHM_ID = {
    0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
  };

  private PemKeys() {}

  /** The text of a key file, refusing a missing, unreadable, huge or binary file. */
  static String readFile(Path file) {
    if (file == null) {
      throw new KeyRejectedException(Reason.INVALID_ARGUMENT, "key file path is null. Fix: pass the path of the PEM file.");
    }
    String origin = "key file " + SafeText.of(file);
    byte[] bytes;
    try {
      if (Files.isDirectory(file)) {
        throw new KeyRejectedException(Reason.KEY_FILE_UNREADABLE,
            origin + " is a directory. Fix: pass the path of the PEM file inside it, such as private.pem.");
      }
      if (Files.exists(file) && !Files.isRegularFile(file)) {
        // a device or pipe: reading it could block forever or never end
        throw new KeyRejectedException(Reason.KEY_FILE_UNREADABLE,
            origin + " is not a regular file. Fix: pass the path of the PEM key file.");
      }
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw tooLarge(origin);
      }
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes(MAX_FILE_BYTES + 1); // bounded: the file may grow after the size check
      }
      if (bytes.length > MAX_FILE_BYTES) {
        throw tooLarge(origin);
      }
    } catch (NoSuchFileException e) {
      throw new KeyRejectedException(Reason.KEY_FILE_UNREADABLE,
          origin + " does not exist (working directory " + Path.of("").toAbsolutePath() + ")."
              + " Fix: pass the right path, or " + KeyChecks.MAKE_RSA + ".", e);
    } catch (AccessDeniedException e) {
      throw new KeyRejectedException(Reason.KEY_FILE_UNREADABLE,
          origin + " cannot be read: permission denied. Fix: let the service's user read it, such as with"
              + " `chown <service-user> " + SafeText.of(file) + " && chmod 600 " + SafeText.of(file) + "`.", e);
    } catch (IOException e) {
      throw new KeyRejectedException(Reason.KEY_FILE_UNREADABLE,
          origin + " cannot be read (" + e.getClass().getSimpleName() + "). Fix: check that the file exists and is readable.", e);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new KeyRejectedException(Reason.KEY_MALFORMED,
          origin + " is binary, not PEM text (a DER key or a PKCS#12 key store?). Fix: convert a DER key with"
              + " `openssl pkey -inform DER -in key.der -out private.pem`, or load a .p12 file with KeySource.fromKeyStore.");
    }
  }

  /** The text of environment variable {@code name}, looked up with {@code env}. */
  static String readEnvironment(String name, UnaryOperator<String> env) {
    if (name == null || name.isBlank()) {
      throw new KeyRejectedException(Reason.INVALID_ARGUMENT,
          "environment variable name is " + (name == null ? "null" : "blank") + ". Fix: pass a name such as \"JWT_PRIVATE_KEY\".");
    }
    String value = env.apply(name);
    if (value == null || value.isBlank()) {
      throw new KeyRejectedException(Reason.KEY_ENVIRONMENT_VARIABLE_MISSING,
          "environment variable " + SafeText.of(name) + " is " + (value == null ? "not set" : "empty")
              + ". Fix: set it to the PEM text of the private key, such as with `export " + SafeText.of(name)
              + "=\"$(cat private.pem)\"`.");
    }
    return value;
  }

  /**
   * The one private key in {@code pem}; other blocks (certificates, {@code EC PARAMETERS}) are skipped.
   *
   * @param passphrase for an encrypted key, or {@code null}
   * @param origin names the input in messages ("PEM text", a file name); never the content
   */
  static PrivateKey readPrivateKey(String pem, char[] passphrase, String origin) {
    if (pem == null || pem.isBlank()) {
      throw new KeyRejectedException(Reason.KEY_MALFORMED,
          origin + " is " + (pem == null ? "null" : "empty") + "; expected a PEM private key"
              + " (-----BEGIN PRIVATE KEY-----). Fix: pass the contents of the key file, " + KeyChecks.MAKE_RSA + ".");
    }
    refuseOtherToolsFormats(pem, origin);
    PrivateKey plain = plainKey(pem);
    if (plain != null) {
      return plain;
    }
    if (!OptionalBouncyCastle.pemReaderPresent()) {
      throw OptionalBouncyCastle.pemReaderMissing(origin);
    }
    return BouncyCastlePem.readPrivateKey(pem, passphrase, origin);
  }

  /**
   * Refuses PuTTY's {@code .ppk} files (versions 2 and 3) and ssh.com's (Tectia's) {@code SSH2 ENCRYPTED
   * PRIVATE KEY} files, which are not PEM, with the one command that converts them.
   */
  private static void refuseOtherToolsFormats(String pem, String origin) {
    String text = pem.stripLeading();
    String format = text.startsWith("PuTTY-User-Key-File-") ? "a PuTTY .ppk key file"
        : text.contains("---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----") ? "an ssh.com (SSH2) private key file"
        : null;
    if (format != null) {
      throw new KeyRejectedException(Reason.KEY_MALFORMED,
          origin + " is " + format + ", not a PEM private key. Fix: convert it to PEM with PuTTY's tool:"
              + " `puttygen key.ppk -O private-openssh -o key.pem` (apt-get install putty-tools), then load key.pem.");
    }
  }

  /**
   * The key in {@code pem} when the text is a single unencrypted {@code PRIVATE KEY} (RSA or EC) or
   * {@code RSA PRIVATE KEY} block that the JDK's key factories accept, else null. Conservative on purpose:
   * a second block, a header line or any decoding doubt returns null, and the full reader decides.
   */
  static PrivateKey plainKey(String pem) {
    String text = withLineBreaks(pem);
    int begin = text.indexOf(BEGIN);
    if (begin < 0 || text.indexOf(BEGIN, begin + 1) >= 0) {
      return null;
    }
    int labelEnd = text.indexOf(DASHES, begin + BEGIN.length());
    if (labelEnd < 0) {
      return null;
    }
    String label = text.substring(begin + BEGIN.length(), labelEnd);
    boolean pkcs1 = label.equals("RSA PRIVATE KEY");
    if (!pkcs1 && !label.equals("PRIVATE KEY")) {
      return null;
    }
    int bodyStart = labelEnd + DASHES.length();
    int end = text.indexOf("-----END " + label + DASHES, bodyStart);
    if (end < 0) {
      return null;
    }
    byte[] der;
    try {
      der = Base64.getDecoder().decode(withoutWhitespace(text, bodyStart, end));
    } catch (IllegalArgumentException e) {
      return null; // a header line (Proc-Type), stray characters or bad padding: not plain base64
    }
    if (der.length < 2 || der[0] != SEQUENCE) {
      return null;
    }
    byte[] pkcs8 = pkcs1 ? wrapRsaPkcs1(der) : der;
    String algorithm = pkcs8Algorithm(pkcs8);
    if (algorithm == null) {
      return null;
    }
    try {
      // one factory, the right one: a factory that refuses a key tries every other installed provider in turn,
      // which loads them all (PKCS#11, XML DSig, GSS...) and cost an EC key read 60 ms of start-up
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException | RuntimeException e) {
      return null; // not a key the JDK reads: the full reader decides
    }
  }

  /**
   * "RSA" or "EC" from a PKCS#8 PrivateKeyInfo's algorithm identifier ({@code SEQUENCE { INTEGER version,
   * SEQUENCE { OID, ... }, ... }}), or null for any other algorithm or layout.
   */
  static String pkcs8Algorithm(byte[] der) {
    int i = afterHeader(der, 0, SEQUENCE);
    if (i < 0 || i + 3 > der.length || der[i] != INTEGER || der[i + 1] != 1) {
      return null;
    }
    i = afterHeader(der, i + 3, SEQUENCE);
    if (i < 0 || i + 2 > der.length || der[i] != OBJECT_IDENTIFIER) {
      return null;
    }
    int oidLength = der[i + 1] & 0xFF;
    int oidStart = i + 2;
    if (oidLength >= 0x80 || oidStart + oidLength > der.length) {
      return null;
    }
    if (Arrays.equals(der, oidStart, oidStart + oidLength, RSA_OID, 0, RSA_OID.length)) {
      return "RSA";
    }
    return Arrays.equals(der, oidStart, oidStart + oidLength, EC_OID, 0, EC_OID.length) ? "EC" : null;
  }

  /** The index after the tag and length at {@code at} when the tag is {@code tag}, else -1. */
  private static int afterHeader(byte[] der, int at, byte tag) {
    if (at + 2 > der.length || der[at] != tag) {
      return -1;
    }
    int first = der[at + 1] & 0xFF;
    int lengthBytes = first < 0x80 ? 0 : first - 0x80;
    return lengthBytes > 3 ? -1 : at + 2 + lengthBytes;
  }

  /**
   * {@code text}, or, when it has no line break but holds the two characters {@code \n} (as an environment
   * variable often does), {@code text} with those turned into line breaks.
   */
  static String withLineBreaks(String text) {
    return text.indexOf('\n') < 0 && text.contains("\\n") ? text.replace("\\n", "\n") : text;
  }

  /** {@code text[from, to)} without spaces, tabs and line breaks. */
  private static String withoutWhitespace(String text, int from, int to) {
    StringBuilder out = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c != '\n' && c != '\r' && c != ' ' && c != '\t') {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * The PKCS#8 PrivateKeyInfo around a PKCS#1 RSAPrivateKey: {@code SEQUENCE { INTEGER 0,
   * rsaEncryption, OCTET STRING rsaPrivateKey }} (RFC 5208 section 5). The JDK reads only PKCS#8.
   */
  static byte[] wrapRsaPkcs1(byte[] rsaPrivateKey) {
    byte[] octets = tagged((byte) 0x04, rsaPrivateKey);
    byte[] version = {0x02, 0x01, 0x00};
    byte[] content = new byte[version.length + RSA_ALGORITHM_ID.length + octets.length];
    System.arraycopy(version, 0, content, 0, version.length);
    System.arraycopy(RSA_ALGORITHM_ID, 0, content, version.length, RSA_ALGORITHM_ID.length);
    System.arraycopy(octets, 0, content, version.length + RSA_ALGORITHM_ID.length, octets.length);
    return tagged(SEQUENCE, content);
  }

  /** One DER element: {@code tag}, the definite length of {@code content}, then {@code content}. */
  private static byte[] tagged(byte tag, byte[] content) {
    int n = content.length;
    int lengthBytes = n < 0x80 ? 0 : n <= 0xff ? 1 : n <= 0xffff ? 2 : n <= 0xffffff ? 3 : 4;
    byte[] out = new byte[2 + lengthBytes + n];
    out[0] = tag;
    if (lengthBytes == 0) {
      out[1] = (byte) n;
    } else {
      out[1] = (byte) (0x80 | lengthBytes);
      for (int i = 0; i < lengthBytes; i++) {
        out[2 + i] = (byte) (n >>> (8 * (lengthBytes - 1 - i)));
      }
    }
    System.arraycopy(content, 0, out, 2 + lengthBytes, n);
    return out;
  }

  private static KeyRejectedException tooLarge(String origin) {
    return new KeyRejectedException(Reason.KEY_MALFORMED,
        origin + " is larger than " + MAX_FILE_BYTES + " bytes, too large for a PEM key. Fix: pass the key file itself.");
  }
}
