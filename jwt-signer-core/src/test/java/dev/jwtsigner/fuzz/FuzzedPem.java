package dev.jwtsigner.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.TestKeys;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.util.io.pem.PemHeader;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Key text for the fuzz targets. Raw fuzzer text rarely gets past base64, so most inputs start from a real
 * key file and let the fuzzer edit it: flip and cut bytes of a block's DER (which reaches Bouncy Castle's
 * ASN.1 and key parsers), swap its label and headers, or splice text into the PEM itself. Shared with the
 * command line's fuzz target through this module's test jar.
 */
public final class FuzzedPem {

  /** Every form of key text the test resources hold, private and public, usable or not. */
  public static final List<String> FILES = List.of("rsa2048.pem", "rsa4096.pem", "p521.pem", "p256.pem", "rsa1024.pem",
      "ed25519.pem", "ed25519.openssh", "rsa2048.encrypted.pem", "rsa2048.legacy-encrypted.pem",
      "p521.openssh-encrypted", "rsa2048.cert.pem", "rsa2048.pub.pem", "rsa2048.pub.rsa.pem", "p521.pub.pem",
      "p521.pub", "rsa2048.pub", "ed25519.openssh.pub");
  /** The passphrase of the encrypted test keys. */
  public static final String PASSPHRASE = "correct horse battery";

  private static final List<String> TEXTS = FILES.stream().map(TestKeys::pem).toList();
  private static final List<String> LABELS = List.of("PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY",
      "ENCRYPTED PRIVATE KEY", "OPENSSH PRIVATE KEY", "PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE", "EC PARAMETERS",
      "X509 CRL", "CERTIFICATE REQUEST", "DSA PRIVATE KEY", "PKCS7");
  private static final Pattern BASE64_LINE = Pattern.compile("[A-Za-z0-9+/=]{24,}");

  private FuzzedPem() {}

  /** Text for one run: a real key file edited by the input, or (one run in four) the input's raw text. */
  public static String next(FuzzInput data) {
    int mode = data.below(4);
    if (mode == 0) {
      return data.restAsText();
    }
    String seed = TEXTS.get(data.below(TEXTS.size()));
    if (mode == 1) {
      return data.splice(seed, 64);
    }
    List<PemObject> blocks = read(seed);
    if (blocks.isEmpty()) { // an OpenSSH public key line: edit its base64 part
      String[] parts = seed.strip().split(" ", 3);
      byte[] blob = Base64.getDecoder().decode(parts[1]);
      return parts[0] + " " + Base64.getEncoder().encodeToString(edit(blob, data)) + " " + data.text(16);
    }
    List<PemObject> edited = new ArrayList<>();
    for (PemObject block : blocks) {
      String label = data.nextBoolean() ? block.getType() : LABELS.get(data.below(LABELS.size()));
      List<PemHeader> headers = new ArrayList<>();
      for (Object header : block.getHeaders()) {
        PemHeader h = (PemHeader) header;
        // a header value holds no line break (BC refuses to write one); raw text edits reach those
        headers.add(data.nextBoolean() ? h : new PemHeader(h.getName(), data.text(48).replaceAll("[\r\n]", " ")));
      }
      edited.add(new PemObject(label, headers, edit(block.getContent(), data)));
    }
    return write(edited);
  }

  /** A passphrase for one run: none, the right one, or fuzzer text after a marker no message may show. */
  public static char[] passphrase(FuzzInput data) {
    switch (data.below(3)) {
      case 0:
        return null;
      case 1:
        return PASSPHRASE.toCharArray();
      default:
        return (MARKER + data.text(32)).toCharArray();
    }
  }

  /** Starts every fuzzed passphrase; a message or string that shows it leaks a secret. */
  public static final String MARKER = "\u2603pw";

  /** Asserts that {@code message} quotes neither base64 key lines of {@code text} nor a fuzzed passphrase. */
  public static void assertNoKeyMaterial(String message, String text) {
    assertThat(message).isNotBlank().doesNotContain(MARKER);
    text.lines().map(String::strip).filter(line -> BASE64_LINE.matcher(line).matches())
        .forEach(line -> assertThat(message).doesNotContain(line));
  }

  /** {@code bytes} with up to eight fuzzer edits: overwrite a byte, cut the tail, or insert a byte. */
  private static byte[] edit(byte[] bytes, FuzzInput data) {
    byte[] out = bytes;
    int edits = data.below(9);
    for (int i = 0; i < edits && out.length > 0; i++) {
      int at = data.below(out.length);
      switch (data.below(3)) {
        case 0:
          out = out.clone();
          out[at] = (byte) data.next();
          break;
        case 1:
          out = Arrays.copyOf(out, at);
          break;
        default:
          byte[] longer = new byte[out.length + 1];
          System.arraycopy(out, 0, longer, 0, at);
          longer[at] = (byte) data.next();
          System.arraycopy(out, at, longer, at + 1, out.length - at);
          out = longer;
      }
    }
    return out;
  }

  private static List<PemObject> read(String text) {
    List<PemObject> blocks = new ArrayList<>();
    try (PemReader reader = new PemReader(new StringReader(text))) {
      PemObject block;
      while ((block = reader.readPemObject()) != null) {
        blocks.add(block);
      }
      return blocks;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String write(List<PemObject> blocks) {
    StringWriter text = new StringWriter();
    try (PemWriter writer = new PemWriter(text)) {
      for (PemObject block : blocks) {
        writer.writeObject(block);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }
}
