package dev.jwtsigner.examples.apto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.jwtsigner.keys.KeySource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server's limits, met with real sockets on loopback: each test starts its own server. */
class SigningServerLimitsTest {

  private static final String BODY = "{\"data_points\":{\"type\":\"list\",\"data\":[]}}";
  /** Threads of the test's own: with few processors the common pool has a single thread, and a blocked call would starve the rest. */
  private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "limits-test-client");
    t.setDaemon(true);
    return t;
  });
  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : opened) { // clients first, so that the servers stop at once
      if (!(c instanceof SigningServer)) {
        c.close();
      }
    }
    for (AutoCloseable c : opened) {
      if (c instanceof SigningServer) {
        c.close();
      }
    }
  }

  private SigningServer start(Map<String, String> overrides) throws IOException {
    SigningServer server = SigningServer.start(ServerConfig.fromEnvironment(TestServers.env(overrides)));
    opened.add(0, server);
    return server;
  }

  private RawHttp connect(SigningServer server) throws IOException {
    RawHttp c = new RawHttp(server.uri());
    opened.add(c);
    return c;
  }

  @Test
  void answersKeptAliveRequestsWithoutADelayedAckStall() throws Exception {
    SigningServer server = start(Map.of());
    RawHttp c = connect(server);
    long[] millis = new long[40];
    for (int i = -10; i < millis.length; i++) {
      long t0 = System.nanoTime();
      RawHttp.Response r = c.send(RawHttp.sign(BODY)).read();
      assertThat(r.status()).isEqualTo(200);
      if (i >= 0) {
        millis[i] = (System.nanoTime() - t0) / 1_000_000;
      }
    }
    Arrays.sort(millis);
    // Nagle's algorithm against the client's delayed ACK costs ~40 ms on every kept-alive answer
    assertThat(millis[millis.length / 2]).as("median ms of %s", Arrays.toString(millis)).isLessThan(25);
  }

  @Test
  void closesARequestWhoseHeadersDoNotArriveInTime() throws Exception {
    SigningServer server = start(Map.of());
    RawHttp slow = connect(server).send("POST /sign HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    assertClosedWithinTheRequestTimeout(slow);
  }

  @Test
  void closesARequestWhoseBodyDoesNotArriveInTime() throws Exception {
    SigningServer server = start(Map.of());
    RawHttp slow = connect(server).send(RawHttp.signHead(100) + "{\"a\":");
    assertClosedWithinTheRequestTimeout(slow);
  }

  private static void assertClosedWithinTheRequestTimeout(RawHttp slow) throws IOException {
    long t0 = System.nanoTime();
    assertThat(slow.closedByServer()).isTrue();
    long millis = (System.nanoTime() - t0) / 1_000_000;
    assertThat(millis).isBetween(TestServers.REQUEST_TIMEOUT_SECONDS * 1000L - 600, TestServers.REQUEST_TIMEOUT_SECONDS * 1000L + 3_000);
  }

  @Test
  void keepsServingGoodTrafficBesideSlowClients() throws Exception {
    SigningServer server = start(Map.of());
    for (int i = 0; i < 20; i++) {
      connect(server).send("POST /sign HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthor");
      connect(server).send(RawHttp.signHead(1000) + "{\"a\":\"");
    }
    RawHttp good = connect(server);
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_200);
    int answered = 0;
    while (System.nanoTime() < until) {
      long t0 = System.nanoTime();
      assertThat(good.send(RawHttp.sign(BODY)).read().status()).isEqualTo(200);
      assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1_000);
      answered++;
    }
    assertThat(answered).isGreaterThan(5);
  }

  @Test
  void closesConnectionsBeyondTheCap() throws Exception {
    SigningServer server = start(Map.of());
    for (int i = 0; i < TestServers.MAX_CONNECTIONS; i++) {
      connect(server);
    }
    Thread.sleep(300); // the server accepts them one by one
    RawHttp extra = connect(server);
    long t0 = System.nanoTime();
    assertThat(extra.closedByServer()).isTrue();
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1_000);

    opened.remove(extra);
    for (AutoCloseable c : List.copyOf(opened)) {
      if (c instanceof RawHttp raw) {
        raw.close();
        opened.remove(c);
      }
    }
    Thread.sleep(300);
    assertThat(connect(server).send(RawHttp.sign(BODY)).read().status()).isEqualTo(200);
  }

  @Test
  void answers503WithRetryAfterWhenEverySignerIsBusyAndTheQueueIsFull() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    KeySource real = KeySource.fromPemText(SigningServerTest.resource("test-signing-key.pem"));
    KeySource held = () -> {
      entered.countDown();
      try {
        release.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return real.signingKey();
    };
    ServerConfig base = ServerConfig.fromEnvironment(TestServers.env());
    Limits one = new Limits(1, 1, base.limits().maxConnections(), base.limits().requestTimeout(),
        base.limits().responseTimeout(), base.limits().idleTimeout(), base.limits().maxHeaderBytes(),
        base.limits().maxBodyBytes(), base.limits().shutdownGrace(), base.limits().keyReloadInterval());
    SigningServer server = SigningServer.start(new ServerConfig(held, "key_1", base.bearerSecret(), base.address(), one));
    opened.add(0, server);

    CompletableFuture<RawHttp.Response> first = call(connect(server));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    RawHttp second = connect(server);
    RawHttp third = connect(server);
    CompletableFuture<RawHttp.Response> b = call(second);
    CompletableFuture<RawHttp.Response> c = call(third);
    RawHttp.Response refused = CompletableFuture.anyOf(b, c).thenApply(r -> (RawHttp.Response) r).get(10, TimeUnit.SECONDS);
    release.countDown();
    List<Integer> statuses = List.of(first.get(10, TimeUnit.SECONDS).status(), b.get(10, TimeUnit.SECONDS).status(),
        c.get(10, TimeUnit.SECONDS).status());

    assertThat(statuses).containsExactlyInAnyOrder(200, 200, 503);
    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.header("Retry-After")).isEqualTo("1");
    assertThat(JSONObjectUtils.parse(refused.body())).containsEntry("error", "overloaded");
  }

  private static CompletableFuture<RawHttp.Response> call(RawHttp connection) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return connection.send(RawHttp.sign(BODY)).read();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }, THREADS);
  }

  @Test
  void answers413ForAChunkedBodyOverTheLimit() throws Exception {
    SigningServer server = start(Map.of());
    HttpClient http = HttpClient.newHttpClient();
    for (int size : new int[] {64 * 1024 + 1, 10 << 20}) {
      byte[] big = new byte[size];
      Arrays.fill(big, (byte) 'A');
      HttpRequest chunked = HttpRequest.newBuilder(server.uri().resolve("/sign"))
          .header("Authorization", "Bearer " + SigningServerTest.SECRET).header("Content-Type", "application/json")
          .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
      HttpResponse<String> r = http.send(chunked, BodyHandlers.ofString());
      assertThat(r.statusCode()).as("%d bytes", size).isEqualTo(413);
      assertThat(JSONObjectUtils.parse(r.body())).containsEntry("error", "payload_too_large");
    }
  }

  @Test
  void closesAConnectionWhoseHeadersAreOverTheLimit() throws Exception {
    SigningServer server = start(Map.of()); // the default MAX_HEADER_BYTES, 16 KiB
    RawHttp c = connect(server).send("POST /sign HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + "a".repeat(20_000)
        + "\r\n" + RawHttp.signHead(2).substring("POST /sign HTTP/1.1\r\nHost: 127.0.0.1\r\n".length()) + "{}");
    assertThat(c.closedByServer()).isTrue();
  }

  @Test
  void finishesARequestInFlightWhenStopped() throws Exception {
    SigningServer server = SigningServer.start(ServerConfig.fromEnvironment(TestServers.env()));
    byte[] request = RawHttp.sign(BODY);
    RawHttp c = connect(server).send(Arrays.copyOf(request, request.length - 10));
    Thread.sleep(200);
    CompletableFuture<Void> stopped = CompletableFuture.runAsync(server::close, THREADS);
    Thread.sleep(300);
    assertThat(stopped).isNotDone();
    c.send(Arrays.copyOfRange(request, request.length - 10, request.length));
    RawHttp.Response r = c.read();

    assertThat(r.status()).isEqualTo(200);
    assertThat(JSONObjectUtils.parse(r.body())).containsKey("token");
    stopped.get(6, TimeUnit.SECONDS);
    assertThatThrownBy(() -> new RawHttp(server.uri())).isInstanceOf(ConnectException.class);
  }

  @Test
  void stopsAsSoonAsTheRequestsInFlightAreDoneEvenAfterAClientVanishedMidBody() throws Exception {
    SigningServer server = SigningServer.start(ServerConfig.fromEnvironment(TestServers.env()));
    RawHttp vanishing = connect(server).send(RawHttp.signHead(100) + "{\"a\":");
    Thread.sleep(200);
    vanishing.close(); // the JDK's server never counts this exchange as ended
    Thread.sleep(200);
    byte[] request = RawHttp.sign(BODY);
    RawHttp c = connect(server).send(Arrays.copyOf(request, request.length - 10));
    Thread.sleep(200);
    long t0 = System.nanoTime();
    CompletableFuture<Void> stopped = CompletableFuture.runAsync(server::close, THREADS);
    Thread.sleep(200);
    c.send(Arrays.copyOfRange(request, request.length - 10, request.length));
    assertThat(c.read().status()).isEqualTo(200);
    stopped.get(6, TimeUnit.SECONDS);
    // the shutdown grace is 5 s; done well before it
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2_500);
  }

  @Test
  void answersHealthWithoutCredentials() throws Exception {
    SigningServer server = start(Map.of());
    RawHttp.Response r = connect(server).send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").read();
    assertThat(r.status()).isEqualTo(200);
    assertThat(JSONObjectUtils.parse(r.body())).isEqualTo(Map.of("status", "ok"));
  }
}
