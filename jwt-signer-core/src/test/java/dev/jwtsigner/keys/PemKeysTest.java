package dev.jwtsigner.keys;

import static dev.jwtsigner.keys.ExternalTools.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import dev.jwtsigner.internal.JoseSigner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every key format the tools write, made by the tools themselves at test time (once for the class): each
 * private key loads and signs, and each public form the tools print for it verifies the signature.
 */
class PemKeysTest {

  static final String PASS = "S3cret pass";

  @TempDir
  static Path dir;

  @BeforeAll
  static void makeKeysWithTheTools() throws Exception {
    ExternalTools.require("openssl", "ssh-keygen");
    // the Atomic guide's commands
    run(dir, "ssh-keygen", "-q", "-t", "rsa", "-P", "", "-b", "4096", "-E", "SHA512", "-m", "PEM", "-f", "jwtRS512.key");
    write("jwtRS512.key.pub.pem", run(dir, "ssh-keygen", "-e", "-m", "PEM", "-f", "jwtRS512.key"));
    run(dir, "openssl", "genrsa", "-out", "private.pem");
    run(dir, "openssl", "rsa", "-in", "private.pem", "-pubout", "-out", "public.pem");
    // every variant
    run(dir, "openssl", "genrsa", "-traditional", "-out", "traditional.pem", "2048");
    run(dir, "openssl", "rsa", "-in", "traditional.pem", "-RSAPublicKey_out", "-out", "traditional.rsa-pub.pem");
    run(dir, "openssl", "ecparam", "-name", "secp521r1", "-genkey", "-out", "ecparam.pem");
    run(dir, "openssl", "ec", "-in", "ecparam.pem", "-pubout", "-out", "ecparam.pub.pem");
    run(dir, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521", "-out", "ec-pkcs8.pem");
    run(dir, "openssl", "pkey", "-in", "ec-pkcs8.pem", "-pubout", "-out", "ec-pkcs8.pub.pem");
    run(dir, "openssl", "genpkey", "-algorithm", "ed25519", "-out", "ed25519.pem");
    run(dir, "openssl", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", "private.pem", "-passout", "pass:" + PASS, "-out", "encrypted.pem");
    run(dir, "openssl", "rsa", "-in", "private.pem", "-aes256", "-traditional", "-passout", "pass:" + PASS, "-out", "legacy.pem");
    run(dir, "openssl", "ec", "-in", "ecparam.pem", "-aes256", "-passout", "pass:" + PASS, "-out", "legacy-ec.pem");
    run(dir, "ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", "openssh_rsa");
    run(dir, "ssh-keygen", "-q", "-t", "ecdsa", "-b", "521", "-N", "", "-f", "openssh_ec");
    write("openssh_ec.pub.pem", run(dir, "ssh-keygen", "-e", "-m", "PEM", "-f", "openssh_ec.pub"));
    run(dir, "ssh-keygen", "-q", "-t", "ecdsa", "-b", "521", "-N", PASS, "-f", "openssh_ec_enc");
    run(dir, "ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", PASS, "-f", "openssh_rsa_enc");
    run(dir, "ssh-keygen", "-q", "-t", "ecdsa", "-b", "521", "-N", "", "-m", "PEM", "-f", "sec1_ec");
    run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "cert-key.pem", "-out", "cert.pem",
        "-subj", "/CN=jwt-signer-test", "-days", "1");
    String key = Files.readString(dir.resolve("cert-key.pem"));
    String cert = Files.readString(dir.resolve("cert.pem"));
    write("bundle-key-first.pem", key + cert);
    write("bundle-cert-first.pem", cert + key);
  }

  static Stream<Arguments> toolMadeKeys() {
    return Stream.of(
        Arguments.of("jwtRS512.key", null, JwsAlgorithm.RS512, "RSA PRIVATE KEY", List.of("jwtRS512.key.pub", "jwtRS512.key.pub.pem")),
        Arguments.of("private.pem", null, JwsAlgorithm.RS256, "PRIVATE KEY", List.of("public.pem")),
        Arguments.of("traditional.pem", null, JwsAlgorithm.RS256, "RSA PRIVATE KEY", List.of("traditional.rsa-pub.pem")),
        Arguments.of("ec-pkcs8.pem", null, JwsAlgorithm.ES512, "PRIVATE KEY", List.of("ec-pkcs8.pub.pem")),
        Arguments.of("ecparam.pem", null, JwsAlgorithm.ES512, "EC PARAMETERS", List.of("ecparam.pub.pem")),
        Arguments.of("encrypted.pem", PASS, JwsAlgorithm.RS256, "ENCRYPTED PRIVATE KEY", List.of("public.pem")),
        Arguments.of("legacy.pem", PASS, JwsAlgorithm.RS512, "RSA PRIVATE KEY", List.of("public.pem")),
        Arguments.of("legacy-ec.pem", PASS, JwsAlgorithm.ES512, "EC PRIVATE KEY", List.of("ecparam.pub.pem")),
        Arguments.of("openssh_rsa", null, JwsAlgorithm.RS256, "OPENSSH PRIVATE KEY", List.of("openssh_rsa.pub")),
        Arguments.of("openssh_ec", null, JwsAlgorithm.ES512, "OPENSSH PRIVATE KEY", List.of("openssh_ec.pub", "openssh_ec.pub.pem")),
        Arguments.of("openssh_ec_enc", PASS, JwsAlgorithm.ES512, "OPENSSH PRIVATE KEY", List.of("openssh_ec_enc.pub")),
        Arguments.of("openssh_rsa_enc", PASS, JwsAlgorithm.RS256, "OPENSSH PRIVATE KEY", List.of("openssh_rsa_enc.pub")),
        Arguments.of("sec1_ec", null, JwsAlgorithm.ES512, "EC PRIVATE KEY", List.of("sec1_ec.pub")),
        Arguments.of("bundle-key-first.pem", null, JwsAlgorithm.RS256, "PRIVATE KEY", List.of("cert.pem")),
        Arguments.of("bundle-cert-first.pem", null, JwsAlgorithm.RS256, "CERTIFICATE", List.of("cert.pem")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("toolMadeKeys")
  void toolMadeKeyLoadsSignsAndEveryPublicFormVerifies(String file, String passphrase, JwsAlgorithm alg, String firstBlock,
      List<String> publicForms) throws Exception {
    assertThat(Files.readString(dir.resolve(file))).startsWith("-----BEGIN " + firstBlock + "-----");
    char[] pass = passphrase == null ? null : passphrase.toCharArray();
    SigningKey key = KeySource.fromPem(dir.resolve(file), pass).signingKey();
    String jws = JoseSigner.prepare(key, alg).sign("{\"sub\":\"u1\"}");

    for (String form : publicForms) {
      PublicKey publicKey = PublicKeys.parse(Files.readString(dir.resolve(form)));
      assertThat(verifies(jws, alg, publicKey)).as(form + " verifies " + file).isTrue();
    }
    assertThat(KeySource.fromPemText(Files.readString(dir.resolve(file)), pass).signingKey().privateKey())
        .isEqualTo(key.privateKey());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("toolMadeKeys")
  void theJdkAloneReadsExactlyThePlainSingleKeyFilesAndGetsBouncyCastlesKey(String file, String passphrase, JwsAlgorithm alg,
      String firstBlock, List<String> publicForms) throws Exception {
    String text = Files.readString(dir.resolve(file));
    boolean plain = passphrase == null && !file.startsWith("bundle")
        && (firstBlock.equals("PRIVATE KEY") || firstBlock.equals("RSA PRIVATE KEY"));

    PrivateKey viaJdk = PemKeys.plainKey(text);

    if (plain) {
      assertThat(viaJdk).isNotNull().isEqualTo(BouncyCastlePem.readPrivateKey(text, null, "PEM text"));
    } else {
      assertThat(viaJdk).as("left to Bouncy Castle").isNull();
    }
  }

  @Test
  void readingAPlainRsaKeyAndSigningLoadsNoBouncyCastleClass() throws Exception {
    Path key = dir.resolve("jwtRS512.key");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-verbose:class", "-cp", System.getProperty("java.class.path"),
        SignOnce.class.getName(), key.toString())
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();

    assertThat(output).contains("dev.jwtsigner.keys.PemKeys").contains(SignOnce.SIGNED)
        .doesNotContain("org.bouncycastle").doesNotContain("dev.jwtsigner.keys.BouncyCastlePem");
  }

  @Test
  void readingAPlainEcKeyAsksOnlyTheEcKeyFactory() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-verbose:class", "-cp", System.getProperty("java.class.path"),
        ReadOnce.class.getName(), dir.resolve("ec-pkcs8.pem").toString())
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();

    // an RSA factory refusing the key would go on to every other installed provider, loading each (JDK 25)
    assertThat(output).contains(ReadOnce.READ).doesNotContain("sun.security.rsa.RSAKeyFactory")
        .doesNotContain("org.bouncycastle").doesNotContain("dev.jwtsigner.keys.BouncyCastlePem");
  }

  /** A fresh JVM's whole job in the test above: read a key file. */
  static final class ReadOnce {
    static final String READ = "read one key";

    public static void main(String[] args) {
      KeySource.fromPem(Path.of(args[0])).signingKey();
      System.out.println(READ);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(nullValues = "none", value = {"private.pem, RSA", "jwtRS512.key, RSA", "ec-pkcs8.pem, EC", "ed25519.pem, none"})
  void namesTheAlgorithmOfAPkcs8Key(String file, String algorithm) throws Exception {
    byte[] der = pkcs8Der(file);

    assertThat(PemKeys.pkcs8Algorithm(der)).isEqualTo(algorithm);
  }

  /** The PKCS#8 DER of a key file, written by openssl (any format in, PKCS#8 out). */
  private static byte[] pkcs8Der(String file) throws Exception {
    String pem = run(dir, "openssl", "pkey", "-in", file);
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(body);
  }

  /** A fresh JVM's whole job in the test above: read the guide's key file, sign one token. */
  static final class SignOnce {
    static final String SIGNED = "signed one token";

    public static void main(String[] args) {
      SigningKey key = KeySource.fromPem(Path.of(args[0])).signingKey();
      JoseSigner.prepare(key, JwsAlgorithm.RS512).sign("{\"sub\":\"u1\"}");
      System.out.println(SIGNED);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "encrypted.pem | encrypted PKCS#8 with aes-256-cbc, -----BEGIN ENCRYPTED PRIVATE KEY----- | openssl pkey -in key.pem -out private.pem",
      "legacy.pem | legacy PEM encryption, Proc-Type: 4,ENCRYPTED | openssl pkey -in key.pem -out private.pem",
      "openssh_ec_enc | OpenSSH format, encrypted with aes256-ctr | ssh-keygen -p -N \"\" -m PEM -f key"})
  void refusesAnEncryptedKeyWithoutPassphrase(String file, String kind, String command) {
    Path path = dir.resolve(file);
    assertThatThrownBy(() -> KeySource.fromPem(path))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_PASSPHRASE_REQUIRED))
        .hasMessage("key file " + path + " holds an encrypted private key (" + kind + ") and no passphrase was given."
            + " Fix: pass the passphrase, as in KeySource.fromPem(path, passphrase), or write an unencrypted copy with `"
            + command + "` and keep it in a secret store.");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "encrypted.pem | encrypted PKCS#8 with aes-256-cbc, -----BEGIN ENCRYPTED PRIVATE KEY-----",
      "legacy.pem | legacy PEM encryption, Proc-Type: 4,ENCRYPTED",
      "legacy-ec.pem | legacy PEM encryption, Proc-Type: 4,ENCRYPTED",
      "openssh_ec_enc | OpenSSH format, encrypted with aes256-ctr"})
  void refusesAWrongPassphrase(String file, String kind) {
    Path path = dir.resolve(file);
    assertThatThrownBy(() -> KeySource.fromPem(path, "not the passphrase".toCharArray()))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_PASSPHRASE_WRONG))
        .hasMessage("key file " + path + " holds an encrypted private key (" + kind + ") that the given passphrase does not"
            + " decrypt. Fix: pass the passphrase the key was encrypted with (look for a stray trailing newline or space).");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "PuTTY v3 .ppk | --ppk-param version=3 -o key.ppk | a PuTTY .ppk key file",
      "PuTTY v2 .ppk | --ppk-param version=2 -o key.ppk | a PuTTY .ppk key file",
      "ssh.com | -O private-sshcom -o key.ppk | an ssh.com (SSH2) private key file"})
  void refusesPuttyAndSshComFilesWithTheCommandThatConvertsThem(String name, String output, String format) throws Exception {
    ExternalTools.require("puttygen");
    Path folder = Files.createDirectories(dir.resolve("putty-" + name.replace(' ', '-')));
    List<String> command = new java.util.ArrayList<>(List.of("puttygen", "-t", "rsa", "-b", "2048", "--new-passphrase", "/dev/null"));
    command.addAll(List.of(output.split(" ")));
    run(folder, command.toArray(String[]::new));
    Path file = folder.resolve("key.ppk");

    for (char[] passphrase : new char[][] {null, PASS.toCharArray()}) {
      assertThatThrownBy(() -> KeySource.fromPem(file, passphrase))
          .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_MALFORMED))
          .hasMessage("key file " + file + " is " + format + ", not a PEM private key. Fix: convert it to PEM with PuTTY's"
              + " tool: `puttygen key.ppk -O private-openssh -o key.pem` (apt-get install putty-tools), then load key.pem.");
    }
    // and the fix works
    run(folder, "puttygen", "key.ppk", "-O", "private-openssh", "-o", "key.pem");
    assertThat(KeySource.fromPem(folder.resolve("key.pem")).signingKey().privateKey().getAlgorithm()).isEqualTo("RSA");
  }

  static boolean verifies(String jws, JwsAlgorithm alg, PublicKey publicKey) throws Exception {
    String[] parts = jws.split("\\.");
    Signature verifier = Signature.getInstance(alg == JwsAlgorithm.ES512 ? "SHA512withECDSAinP1363Format" : alg.jcaName());
    verifier.initVerify(publicKey);
    verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    return verifier.verify(Base64.getUrlDecoder().decode(parts[2]));
  }

  private static void write(String name, String text) throws Exception {
    Files.writeString(dir.resolve(name), text);
  }
}
