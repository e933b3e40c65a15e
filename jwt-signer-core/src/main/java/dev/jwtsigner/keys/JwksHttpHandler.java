package dev.jwtsigner.keys;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.jwtsigner.JwtSignerException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Serves a {@link JwksPublisher}'s document over the JDK's HTTP server; see {@link JwksPublisher#httpHandler}. */
final class JwksHttpHandler implements HttpHandler {

  private final JwksPublisher publisher;
  private final String cacheControl;

  JwksHttpHandler(JwksPublisher publisher, long maxAgeSeconds) {
    this.publisher = publisher;
    this.cacheControl = JwksPublisher.cacheControl(Duration.ofSeconds(maxAgeSeconds));
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      boolean head = "HEAD".equals(method);
      if (!head && !"GET".equals(method)) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      JwksDocument document;
      try {
        document = publisher.document();
      } catch (JwtSignerException e) { // a key swapped in since start-up lost its public half: say so, keep serving
        byte[] body = ("{\"error\":\"key set unavailable\",\"reason\":\"" + e.reason() + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(503, body.length);
        exchange.getResponseBody().write(body);
        return;
      }
      exchange.getResponseHeaders().set("Cache-Control", cacheControl);
      exchange.getResponseHeaders().set("ETag", document.etag());
      if (document.notModified(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
        exchange.sendResponseHeaders(304, -1);
        return;
      }
      byte[] body = document.json().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      if (head) {
        exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
