package dev.jwtsigner.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.TestKeys;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PemKeys}' JDK-only fast path over the saved OpenSSL-made keys in {@code src/test/resources/keys}: which
 * texts it reads itself (and then exactly the key Bouncy Castle reads), which it leaves to Bouncy Castle, and
 * the DER it scans and writes. No tool runs, so PIT runs these too; {@link PemKeysTest} does the same for keys
 * the tools make at test time.
 */
class PemKeysSavedKeysTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"rsa2048.pem", "rsa4096.pem", "rsa2048.pkcs1.pem", "p521.pem", "p256.pem", "rsa1024.pem"})
  void readsAPlainSingleKeyItselfAndGetsBouncyCastlesKey(String file) {
    String text = TestKeys.pem(file);

    PrivateKey viaJdk = PemKeys.plainKey(text);

    assertThat(viaJdk).isNotNull().isEqualTo(BouncyCastlePem.readPrivateKey(text, null, "PEM text"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"rsa2048.encrypted.pem", "rsa2048.legacy-encrypted.pem", "p521.sec1.pem", "ed25519.pem",
      "rsapss.pem", "rsa2048.cert.pem", "rsa2048.pub.pem", "p521.openssh-encrypted"})
  void leavesEveryOtherFileToBouncyCastle(String file) {
    assertThat(PemKeys.plainKey(TestKeys.pem(file))).isNull();
  }

  @Test
  void leavesABundleOfAKeyAndItsCertificateToBouncyCastle() {
    String key = TestKeys.pem("rsa2048.pem");
    String cert = TestKeys.pem("rsa2048.cert.pem");

    assertThat(PemKeys.plainKey(key + cert)).isNull();
    assertThat(PemKeys.plainKey(cert + key)).isNull();
    assertThat(PemKeys.plainKey("some text before it\n" + key)).isEqualTo(PemKeys.plainKey(key)).isNotNull();
  }

  @Test
  void readsTheKeyWhateverTheLineBreaksAndIndentation() {
    String key = TestKeys.pem("p521.pem");
    PrivateKey expected = PemKeys.plainKey(key);
    String[] lines = key.split("\n");
    String body = String.join("\n", Arrays.copyOfRange(lines, 1, lines.length - 1));

    assertThat(PemKeys.plainKey(key.replace("\n", "\r\n"))).as("CRLF").isEqualTo(expected);
    assertThat(PemKeys.plainKey(lines[0] + "\n\t" + body.replace("\n", "\n  ") + "\n" + lines[lines.length - 1]))
        .as("indented with a tab and spaces").isEqualTo(expected);
    assertThat(PemKeys.plainKey(key.replace("\n", "\\n"))).as("\\n escapes, as in an environment variable")
        .isEqualTo(expected);
    assertThat(PemKeys.plainKey(lines[0] + body.replace("\n", "") + lines[lines.length - 1])).as("on one line")
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "no BEGIN line         | MIIBCgKCAQEA",
      "label without dashes  | -----BEGIN PRIVATE KEY\\nMIIB",
      "no END line           | -----BEGIN PRIVATE KEY-----\\nMIIB\\n",
      "END of another label  | -----BEGIN PRIVATE KEY-----\\nMIIB\\n-----END RSA PRIVATE KEY-----",
      "not base64            | -----BEGIN PRIVATE KEY-----\\nMII*\\n-----END PRIVATE KEY-----",
      "not a SEQUENCE        | -----BEGIN PRIVATE KEY-----\\nAgEA\\n-----END PRIVATE KEY-----",
      "one byte              | -----BEGIN PRIVATE KEY-----\\nMA==\\n-----END PRIVATE KEY-----",
      "empty SEQUENCE        | -----BEGIN PRIVATE KEY-----\\nMAA=\\n-----END PRIVATE KEY-----",
      "PKCS#1 not a SEQUENCE | -----BEGIN RSA PRIVATE KEY-----\\nAgEA\\n-----END RSA PRIVATE KEY-----"})
  void returnsNullForTextThatIsNotOnePlainKey(String what, String text) {
    assertThat(PemKeys.plainKey(text.replace("\\n", "\n"))).as(what).isNull();
  }

  @Test
  void returnsNullForAPkcs8RsaKeyThatTheJdkRefuses() {
    byte[] der = der("rsa2048.pem");
    String cut = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(Arrays.copyOf(der, der.length - 5))
        + "\n-----END PRIVATE KEY-----\n";

    assertThat(PemKeys.pkcs8Algorithm(Arrays.copyOf(der, der.length - 5))).isEqualTo("RSA");
    assertThat(PemKeys.plainKey(cut)).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(nullValues = "none", value = {"rsa2048.pem, RSA", "rsa4096.pem, RSA", "p521.pem, EC", "p256.pem, EC",
      "p521.explicit.pem, EC", "ed25519.pem, none", "rsapss.pem, none"})
  void namesTheAlgorithmOfAPkcs8Key(String file, String algorithm) {
    assertThat(PemKeys.pkcs8Algorithm(der(file))).isEqualTo(algorithm);
  }

  @Test
  void namesNoAlgorithmForATruncatedKeyAndNeverThrows() {
    byte[] ec = der("p521.pem");
    int ecOidEnd = 3 + 3 + 2 + 2 + 7; // SEQUENCE (30 81 ee), version, SEQUENCE, OID header and content
    for (int length = 0; length < ec.length; length++) {
      assertThat(PemKeys.pkcs8Algorithm(Arrays.copyOf(ec, length))).as("first %d bytes", length)
          .isEqualTo(length < ecOidEnd ? null : "EC");
    }
    byte[] rsa = der("rsa2048.pem");
    int rsaOidEnd = 4 + 3 + 2 + 2 + 9; // SEQUENCE (30 82 04 bf), version, SEQUENCE, OID header and content
    for (int length = 0; length < 64; length++) {
      assertThat(PemKeys.pkcs8Algorithm(Arrays.copyOf(rsa, length))).as("first %d bytes", length)
          .isEqualTo(length < rsaOidEnd ? null : "RSA");
    }
  }

  @Test
  void readsLengthsOfUpToThreeBytesAndRefusesLongerOnes() {
    byte[] rsa = der("rsa2048.pem"); // 30 82 04 bf ...
    byte[] threeBytes = new byte[rsa.length + 1];
    threeBytes[0] = 0x30;
    threeBytes[1] = (byte) 0x83;
    System.arraycopy(rsa, 2, threeBytes, 3, rsa.length - 2); // 30 83 00 04 bf ...

    assertThat(PemKeys.pkcs8Algorithm(threeBytes)).isEqualTo("RSA");
    assertThat(PemKeys.pkcs8Algorithm(new byte[] {0x30, (byte) 0x84, 0, 0, 0, 0, 2, 1, 0})).as("4-byte length").isNull();
    assertThat(PemKeys.pkcs8Algorithm(new byte[] {0x30, 9, 2, 1, 0, 0x30, 4, 6, (byte) 0x81, 1})).as("long OID length").isNull();
  }

  @Test
  void namesNoAlgorithmForAnOtherVersionOrTag() {
    byte[] ec = der("p521.pem"); // 30 81 ee 02 01 00 30 10 06 07 ...
    assertThat(PemKeys.pkcs8Algorithm(with(ec, 0, 0x31))).as("outer SET").isNull();
    assertThat(PemKeys.pkcs8Algorithm(with(ec, 3, 0x04))).as("version not an INTEGER").isNull();
    assertThat(PemKeys.pkcs8Algorithm(with(ec, 4, 0x02))).as("version of 2 bytes").isNull();
    assertThat(PemKeys.pkcs8Algorithm(with(ec, 6, 0x31))).as("algorithm not a SEQUENCE").isNull();
    assertThat(PemKeys.pkcs8Algorithm(with(ec, 8, 0x04))).as("no OID").isNull();
    assertThat(PemKeys.pkcs8Algorithm(with(ec, 9, 0x06))).as("a shorter OID").isNull();
    assertThat(PemKeys.pkcs8Algorithm(with(ec, 16, 0x02))).as("another OID of the same length").isNull();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 126, 127, 128, 255, 256, 1_000, 65_535, 65_536, 70_000, 16_777_215, 16_777_216})
  void wrapsPkcs1InPkcs8ExactlyAsBouncyCastleEncodesIt(int contentBytes) throws Exception {
    byte[] rsaPrivateKey = new byte[contentBytes];
    new java.util.Random(contentBytes).nextBytes(rsaPrivateKey);
    byte[] expected = new DERSequence(new ASN1Encodable[] {
        new ASN1Integer(0),
        new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
        new DEROctetString(rsaPrivateKey)}).getEncoded();

    assertThat(PemKeys.wrapRsaPkcs1(rsaPrivateKey)).isEqualTo(expected);
  }

  /** The DER of a saved PKCS#8 key file. */
  private static byte[] der(String file) {
    String body = TestKeys.pem(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(body);
  }

  private static byte[] with(byte[] der, int index, int value) {
    byte[] copy = der.clone();
    copy[index] = (byte) value;
    return copy;
  }
}
