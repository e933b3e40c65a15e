package dev.jwtsigner.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NodeJwtTest {

  private static String privatePem;
  private static String publicPem;

  @BeforeAll
  static void keys() throws IOException {
    NodeJwt.assumeAvailable();
    Path keys = Path.of(System.getProperty("jwtsigner.root", "..")).resolve("jwt-signer-core/src/test/resources/keys");
    privatePem = Files.readString(keys.resolve("rsa2048.pem"));
    publicPem = Files.readString(keys.resolve("rsa2048.pub.pem"));
  }

  @Test
  void nodeVerifiesWhatNodeSigned() {
    String token = NodeJwt.sign(Map.of("sub", "u1"), privatePem, Map.of("algorithm", "RS256", "keyid", "k1"));
    Map<String, Object> answer = NodeJwt.verify(token, publicPem, Map.of("algorithms", List.of("RS256")));
    assertThat(answer).containsEntry("valid", true);
    assertThat(NodeJwt.object(answer.get("header"))).containsEntry("kid", "k1");
    assertThat(NodeJwt.object(answer.get("payload"))).containsEntry("sub", "u1").containsKey("iat");
  }

  @Test
  void nodeRejectsATamperedToken() {
    String token = NodeJwt.sign(Map.of("sub", "u1"), privatePem, Map.of("algorithm", "RS256"));
    String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    assertThat(NodeJwt.verify(tampered, publicPem, Map.of())).containsEntry("valid", false);
  }
}
