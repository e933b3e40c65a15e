package dev.jwtsigner.examples.apto;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.jwtsigner.testkit.FakeKeyPair;
import dev.jwtsigner.testkit.FakeKeys;
import dev.jwtsigner.testkit.SignedPayloadVerifier;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key file broken in every way while clients sign: the last good key keeps signing, {@code /health}
 * reports the fault, and a restored file is picked up — and no request fails meanwhile.
 */
class SigningServerKeyFaultTest {

  private static final String BODY = "{\"data_points\":{\"type\":\"list\",\"data\":[]}}";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void keepsSigningWithTheLastGoodKeyThroughEveryKindOfBrokenFileAndPicksUpTheRestoredOne(@TempDir Path dir)
      throws Exception {
    String pemA = SigningServerTest.resource("test-signing-key.pem");
    FakeKeyPair b = FakeKeys.rsa2048(2);
    Path file = Files.writeString(dir.resolve("private.pem"), pemA);
    ServerConfig config = ServerConfig.fromEnvironment(TestServers.env(Map.of(
        "APTO_PRIVATE_KEY", "", "APTO_PRIVATE_KEY_FILE", file.toString(), "KEY_RELOAD_SECONDS", "1")));
    PublicKey keyA = SigningServerTest.publicKeyOf(config);

    try (SigningServer server = SigningServer.start(config)) {
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      List<String> tokens = new CopyOnWriteArrayList<>();
      AtomicBoolean running = new AtomicBoolean(true);
      List<Thread> clients = List.of(client(server, running, tokens, failures), client(server, running, tokens, failures));
      clients.forEach(Thread::start);

      assertThat(healthAfterAReload(server)).isEqualTo(Map.of("status", "ok"));
      for (Runnable fault : List.<Runnable>of(
          () -> write(file, "this is not a key\n"),
          () -> write(file, pemA.substring(0, pemA.length() / 2)),
          () -> delete(file),
          () -> unreadable(file, pemA))) {
        fault.run();
        Map<String, Object> health = healthAfterAReload(server);
        assertThat(health).containsEntry("status", "degraded");
        assertThat((String) health.get("key")).startsWith("the key file cannot serve (KEY_").endsWith("); the last good key signs.");
        int before = tokens.size();
        waitForTokens(tokens, before + 5);
        assertThat(verifies(tokens.get(tokens.size() - 1), keyA)).isTrue();
        restore(file);
      }

      write(file, b.privateKeyPem());
      assertThat(healthAfterAReload(server)).isEqualTo(Map.of("status", "ok"));
      int before = tokens.size();
      waitForTokens(tokens, before + 5);
      assertThat(verifies(tokens.get(tokens.size() - 1), b.publicKey())).isTrue();

      running.set(false);
      for (Thread t : clients) {
        t.join(10_000);
      }
      assertThat(failures).isEmpty();
      assertThat(tokens).hasSizeGreaterThan(30).allSatisfy(t ->
          assertThat(verifies(t, keyA) || verifies(t, b.publicKey())).as("signed by key A or B").isTrue());
    }
  }

  private static Thread client(SigningServer server, AtomicBoolean running, List<String> tokens,
      ConcurrentLinkedQueue<String> failures) {
    return new Thread(() -> {
      HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("/sign")).timeout(Duration.ofSeconds(10))
          .header("Authorization", "Bearer " + SigningServerTest.SECRET).header("Content-Type", "application/json")
          .POST(BodyPublishers.ofString(BODY)).build();
      while (running.get()) {
        try {
          HttpResponse<String> r = HTTP.send(request, BodyHandlers.ofString());
          if (r.statusCode() == 200) {
            tokens.add((String) JSONObjectUtils.parse(r.body()).get("token"));
          } else {
            failures.add(r.statusCode() + " " + r.body());
          }
          Thread.sleep(20);
        } catch (Exception e) {
          failures.add(e.toString());
        }
      }
    });
  }

  /** The health answer after the reload interval (1 s) has passed, so that the file as it is now was checked. */
  private static Map<String, Object> healthAfterAReload(SigningServer server) throws Exception {
    Thread.sleep(1_300);
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(server.uri().resolve("/health")).build(),
        BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return JSONObjectUtils.parse(r.body());
  }

  private static void waitForTokens(List<String> tokens, int count) throws InterruptedException {
    for (int i = 0; i < 500 && tokens.size() < count; i++) {
      Thread.sleep(10);
    }
    assertThat(tokens).hasSizeGreaterThanOrEqualTo(count);
  }

  private static boolean verifies(String token, PublicKey key) {
    return SignedPayloadVerifier.create().trust("key_1", key).verify(token).accepted();
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** No read permission; as root, who reads any file, a directory where the file was. */
  private static void unreadable(Path file, String pem) {
    try {
      Files.writeString(file, pem);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
      if (Files.isReadable(file)) {
        Files.delete(file);
        Files.createDirectory(file);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Back to a plain, writable file for the next fault. */
  private static void restore(Path file) {
    try {
      if (Files.isDirectory(file)) {
        Files.delete(file);
      } else if (Files.exists(file)) {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
