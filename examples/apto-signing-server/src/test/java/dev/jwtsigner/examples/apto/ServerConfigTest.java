package dev.jwtsigner.examples.apto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerConfigTest {

  private static final String SECRET = SigningServerTest.SECRET;

  @Test
  void readsTheKeyFromAFileAndDefaultsToLoopbackPort8080(@TempDir Path dir) throws Exception {
    Path key = Files.writeString(dir.resolve("private.pem"), SigningServerTest.resource("test-signing-key.pem"));
    ServerConfig c = ServerConfig.fromEnvironment(Map.of(
        "APTO_PRIVATE_KEY_FILE", key.toString(), "APTO_KEY_ID", "key_1", "SIGNER_BEARER_SECRET", SECRET));
    assertThat(c.keyId()).isEqualTo("key_1");
    assertThat(c.address().getHostString()).isEqualTo("127.0.0.1");
    assertThat(c.address().getPort()).isEqualTo(8080);
    assertThat(c.toString()).isEqualTo("ServerConfig[kid=key_1, address=" + c.address() + "]").doesNotContain(SECRET);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', nullValues = "REMOVE", value = {
      "APTO_PRIVATE_KEY      | REMOVE               | neither APTO_PRIVATE_KEY_FILE nor APTO_PRIVATE_KEY is set. Fix: set one to the private key file (or its PEM text) made by `openssl genrsa -out private.pem 2048`.",
      "APTO_KEY_ID           | REMOVE               | APTO_KEY_ID is not set. Fix: set it to the id your public key was registered under, such as key_1.",
      "SIGNER_BEARER_SECRET  | ' '                  | SIGNER_BEARER_SECRET is not set. Fix: set it to a random secret shared with your app, made by `openssl rand -hex 32`.",
      "SIGNER_BEARER_SECRET  | short-secret         | SIGNER_BEARER_SECRET has 12 characters; at least 32 are required. Fix: make one with `openssl rand -hex 32`.",
      "PORT                  | http                 | PORT is not a port number from 0 to 65535. Fix: set it to a free port, such as 8080.",
      "PORT                  | 65536                | PORT is not a port number from 0 to 65535. Fix: set it to a free port, such as 8080.",
      "APTO_PRIVATE_KEY_FILE | /no/such/private.pem | APTO_PRIVATE_KEY_FILE cannot be read (NoSuchFileException). Fix: point it at the private.pem made by `openssl genrsa -out private.pem 2048`.",
  })
  void namesTheVariableAndTheFix(String name, String value, String message) throws Exception {
    Map<String, String> env = new HashMap<>(complete());
    if (value == null) {
      env.remove(name);
    } else {
      env.put(name, value);
    }
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(env)).isInstanceOf(IllegalStateException.class).hasMessage(message);
  }

  @Test
  void refusesAnUnusableKeyWithTheLibrarysReason() throws Exception {
    Map<String, String> env = new HashMap<>(complete());
    env.put("APTO_PRIVATE_KEY", "not a key");
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(env))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("the private key is unusable: PEM text holds no PEM private key block.");
  }

  private static Map<String, String> complete() throws Exception {
    return Map.of("APTO_PRIVATE_KEY", SigningServerTest.resource("test-signing-key.pem"), "APTO_KEY_ID", "key_1",
        "SIGNER_BEARER_SECRET", SECRET, "PORT", "0");
  }
}
