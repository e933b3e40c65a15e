package dev.jwtsigner.cli;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Model.CommandSpec;

/** {@code debugger}: the offline debugger page on 127.0.0.1, until Ctrl-C. */
final class DebuggerCommand extends BaseCommand {

  DebuggerCommand(JwtSignerCli root) {
    super(root, "debugger",
        "Serve the offline debugger page on 127.0.0.1 only: paste a token (and a public key or JWKS) and",
        "see its header, claims, verdict with every rule, and a timeline of iat, now, exp and the maximum.",
        "The page loads nothing from the internet; the server logs nothing of what it is sent. Ctrl-C stops it.");
  }

  @Override
  void define(CommandSpec spec) {
    spec.addOption(option("--port", "PORT", "The port on 127.0.0.1 (default 0: a free port).").type(int.class).initialValue(0).build());
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    int port = value("--port");
    if (port < 0 || port > 65_535) {
      throw usage("--port must be from 0 to 65535.");
    }
    DebuggerServer server;
    try {
      server = DebuggerServer.start(port, context().clock());
    } catch (java.net.BindException e) {
      throw usage("--port " + port + " is taken. Fix: pass another port, or --port 0 for a free one.");
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "jwt-signer-debugger-stop"));
    if (json()) {
      Map<String, Object> answer = Json.object();
      answer.put("url", server.uri().toString());
      printJson(answer);
    } else {
      out().println("Debugger on " + server.uri() + " (127.0.0.1 only; the page loads nothing from the internet).");
      out().println("Press Ctrl-C to stop.");
    }
    out().flush();
    stopped.await();
    return 0;
  }
}
