package dev.jwtsigner.examples.apto;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment every test server starts with. The JDK's HTTP server reads its time-outs and connection
 * cap once per process, so every test class uses the same short ones.
 */
final class TestServers {

  static final int REQUEST_TIMEOUT_SECONDS = 2;
  static final int MAX_CONNECTIONS = 64;

  private TestServers() {}

  /** A complete environment with the test key, kid key_1, the test secret, port 0 and the short limits. */
  static Map<String, String> env() throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put("APTO_PRIVATE_KEY", SigningServerTest.resource("test-signing-key.pem"));
    env.put("APTO_KEY_ID", "key_1");
    env.put("SIGNER_BEARER_SECRET", SigningServerTest.SECRET);
    env.put("PORT", "0");
    env.put("REQUEST_TIMEOUT_SECONDS", Integer.toString(REQUEST_TIMEOUT_SECONDS));
    env.put("RESPONSE_TIMEOUT_SECONDS", "5");
    env.put("IDLE_TIMEOUT_SECONDS", "5");
    env.put("MAX_CONNECTIONS", Integer.toString(MAX_CONNECTIONS));
    env.put("SHUTDOWN_GRACE_SECONDS", "5");
    return env;
  }

  /** {@link #env()} with {@code overrides} on top. */
  static Map<String, String> env(Map<String, String> overrides) throws IOException {
    Map<String, String> env = env();
    env.putAll(overrides);
    return env;
  }
}
