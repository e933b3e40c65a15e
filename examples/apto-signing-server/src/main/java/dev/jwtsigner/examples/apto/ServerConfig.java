package dev.jwtsigner.examples.apto;

import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.keys.KeySource;
import dev.jwtsigner.keys.ReloadingKeySource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The signing server's settings, read from environment variables so that no secret sits in a file in the
 * repository:
 *
 * <ul>
 *   <li>{@code APTO_PRIVATE_KEY_FILE} (a PEM file) or {@code APTO_PRIVATE_KEY} (the PEM text): the program's private key
 *   <li>{@code APTO_KEY_ID}: the kid the public key was registered under, such as {@code key_1}
 *   <li>{@code SIGNER_BEARER_SECRET}: the secret callers send as {@code Authorization: Bearer ...} (32+ characters)
 *   <li>{@code PORT} (default 8080) and {@code BIND_ADDRESS} (default 127.0.0.1)
 *   <li>the {@link Limits} (threads, queue, connections, time-outs, sizes, shutdown grace, key reload interval)
 * </ul>
 *
 * <p>A key file is watched: a new version replaces the key within {@code KEY_RELOAD_SECONDS}, and a
 * missing or unusable one keeps the last good key signing (the log and {@code GET /health} say so).
 *
 * <p>Errors name the variable and the fix, never a value.
 */
public record ServerConfig(KeySource keys, String keyId, byte[] bearerSecret, InetSocketAddress address, Limits limits) {

  /** Bearer secrets shorter than this are refused: {@code openssl rand -hex 32} makes a 64-character one. */
  public static final int MIN_SECRET_LENGTH = 32;

  /** The settings in {@code env} (pass {@code System.getenv()}). */
  public static ServerConfig fromEnvironment(Map<String, String> env) {
    Limits limits = Limits.fromEnvironment(env);
    KeySource keys = keySource(env, limits);
    String keyId = required(env, "APTO_KEY_ID", "the id your public key was registered under, such as key_1");
    String secret = required(env, "SIGNER_BEARER_SECRET", "a random secret shared with your app, made by `openssl rand -hex 32`");
    if (secret.length() < MIN_SECRET_LENGTH) {
      throw new IllegalStateException("SIGNER_BEARER_SECRET has " + secret.length() + " characters; at least "
          + MIN_SECRET_LENGTH + " are required. Fix: make one with `openssl rand -hex 32`.");
    }
    int port = port(env.getOrDefault("PORT", "8080"));
    String host = env.getOrDefault("BIND_ADDRESS", "127.0.0.1");
    return new ServerConfig(keys, keyId, secret.getBytes(StandardCharsets.UTF_8), new InetSocketAddress(host, port),
        limits);
  }

  /** {@code ServerConfig[kid=..., address=...]}: no key material, no secret. */
  @Override
  public String toString() {
    return "ServerConfig[kid=" + keyId + ", address=" + address + "]";
  }

  private static KeySource keySource(Map<String, String> env, Limits limits) {
    String file = env.get("APTO_PRIVATE_KEY_FILE");
    String text = env.get("APTO_PRIVATE_KEY");
    try {
      if (file != null && !file.isBlank()) {
        Files.readAllBytes(Path.of(file)); // names a missing or unreadable file in this class's words
        return ReloadingKeySource.builder(Path.of(file)).checkInterval(limits.keyReloadInterval())
            .onError(KEY_ERRORS).build();
      }
      if (text != null && !text.isBlank()) {
        return KeySource.fromPemText(text);
      }
    } catch (IOException e) {
      throw new IllegalStateException("APTO_PRIVATE_KEY_FILE cannot be read (" + e.getClass().getSimpleName()
          + "). Fix: point it at the private.pem made by `openssl genrsa -out private.pem 2048`.", e);
    } catch (JwtSignerException e) {
      throw new IllegalStateException("the private key is unusable: " + e.getMessage(), e);
    }
    throw new IllegalStateException("neither APTO_PRIVATE_KEY_FILE nor APTO_PRIVATE_KEY is set. Fix: set one to the"
        + " private key file (or its PEM text) made by `openssl genrsa -out private.pem 2048`.");
  }

  private static final System.Logger LOG = System.getLogger(ServerConfig.class.getName());
  private static final Consumer<Exception> KEY_ERRORS = e -> LOG.log(System.Logger.Level.ERROR,
      "the key file changed and cannot serve; still signing with the last good key: {0}", e.getMessage());

  private static String required(Map<String, String> env, String name, String what) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(name + " is not set. Fix: set it to " + what + ".");
    }
    return value;
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= 0 && port <= 65_535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalStateException("PORT is not a port number from 0 to 65535. Fix: set it to a free port, such as 8080.");
  }
}
