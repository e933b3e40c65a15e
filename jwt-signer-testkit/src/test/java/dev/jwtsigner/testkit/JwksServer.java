package dev.jwtsigner.testkit;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.jwtsigner.keys.JwksPublisher;
import dev.jwtsigner.keys.KeySource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** A real JDK HTTP server on loopback publishing a key source's JWKS, counting the fetches. */
final class JwksServer implements AutoCloseable {

  private final HttpServer server;
  private final AtomicInteger fetches = new AtomicInteger();
  private volatile HttpHandler handler;

  JwksServer(KeySource keys, Duration maxAge) {
    this.handler = JwksPublisher.of(keys).httpHandler(maxAge);
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(JwksPublisher.WELL_KNOWN_PATH, exchange -> {
      fetches.incrementAndGet();
      handler.handle(exchange);
    });
    server.start();
  }

  /** Answers every following request with {@code replacement} instead. */
  void answerWith(HttpHandler replacement) {
    this.handler = replacement;
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + JwksPublisher.WELL_KNOWN_PATH);
  }

  int fetches() {
    return fetches.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
