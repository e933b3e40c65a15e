package dev.jwtsigner.testkit;

import static dev.jwtsigner.testkit.AptoTestFiles.createUserJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import dev.jwtsigner.apto.SignedPayloadBuilder;
import dev.jwtsigner.keys.KeySource;
import dev.jwtsigner.keys.PublicKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signed payloads against npm's jsonwebtoken, with a key pair made by openssl as the vendor's guide makes it. */
class SignedPayloadNodeInteropTest {

  @TempDir
  static Path dir;

  private static String privatePem;
  private static String publicPem;

  @BeforeAll
  static void makeKeysWithOpenssl() throws Exception {
    NodeJwt.assumeAvailable();
    openssl("genrsa", "-out", "private.pem", "2048");
    openssl("rsa", "-in", "private.pem", "-pubout", "-out", "public.pem");
    privatePem = Files.readString(dir.resolve("private.pem"));
    publicPem = Files.readString(dir.resolve("public.pem"));
  }

  @Test
  void nodeVerifiesOurSignedCreateUserBody() throws Exception {
    String body = createUserJson();
    String token = SignedPayloadBuilder.create(KeySource.fromPemText(privatePem)).keyId("key_1").payload(body).sign();

    Map<String, Object> answer = NodeJwt.verify(token, publicPem, Map.of("algorithms", List.of("RS256")));

    assertThat(answer).containsEntry("valid", true);
    assertThat(NodeJwt.object(answer.get("header")))
        .containsExactlyInAnyOrderEntriesOf(Map.of("alg", "RS256", "typ", "JWT", "kid", "key_1"));
    Map<String, Object> payload = new LinkedHashMap<>(NodeJwt.object(answer.get("payload")));
    assertThat(payload.remove("iat")).isInstanceOf(Number.class);
    assertThat(payload).isEqualTo(JSONObjectUtils.parse(body));
  }

  @Test
  void nodeRefusesOurTokenUnderAnotherPublicKey() throws Exception {
    String token = SignedPayloadBuilder.create(KeySource.fromPemText(privatePem)).payload(createUserJson()).sign();
    String otherPublic = Files.readString(Path.of(System.getProperty("jwtsigner.root", ".."))
        .resolve("jwt-signer-core/src/test/resources/keys/rsa2048.pub.pem"));
    assertThat(NodeJwt.verify(token, otherPublic, Map.of("algorithms", List.of("RS256"))))
        .containsEntry("valid", false)
        .containsEntry("error", "JsonWebTokenError: invalid signature");
  }

  @Test
  void ourVerifierAcceptsWhatNodeSignedWithAKid() throws Exception {
    Map<String, Object> body = JSONObjectUtils.parse(createUserJson());
    String token = NodeJwt.sign(body, privatePem, Map.of("algorithm", "RS256", "keyid", "key_1"));

    Verdict v = SignedPayloadVerifier.create().trust("key_1", PublicKeys.parse(publicPem)).verify(token);

    assertThat(v.accepted()).as(v.toString()).isTrue();
    assertThat(v.header()).containsEntry("kid", "key_1").containsEntry("alg", "RS256");
    Map<String, Object> claims = new LinkedHashMap<>(v.claims());
    assertThat(claims.remove("iat")).isInstanceOf(Long.class);
    assertThat(claims).isEqualTo(body);
  }

  @Test
  void ourVerifierRefusesWhatNodeSignedUnderAnUnregisteredKid() {
    String token = NodeJwt.sign(Map.of("a", 1), privatePem, Map.of("algorithm", "RS256", "keyid", "key_9"));
    Verdict v = SignedPayloadVerifier.create().trust("key_1", PublicKeys.parse(publicPem)).verify(token);
    assertThat(v.violations()).extracting(Violation::rule).containsExactly(Rule.KEY_ID_UNKNOWN);
  }

  private static void openssl(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "openssl";
    System.arraycopy(args, 0, command, 1, args.length);
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("openssl %s: %s", String.join(" ", args), out).isZero();
  }
}
