package dev.jwtsigner.testkit;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs npm's {@code jsonwebtoken} (interop/node/jwt.js) to sign and verify tokens, so tests can check
 * our tokens against the signer the vendors' guides use. Installs the pinned package with {@code npm ci}
 * on first use. Skips the calling test when Node is missing, except in CI, where it fails.
 */
final class NodeJwt {

  private static final Path DIR = Path.of(System.getProperty("jwtsigner.root", "..")).resolve("interop/node");
  private static boolean installed;

  private NodeJwt() {}

  /** Skips the test (or fails it in CI) when node and npm are not on the PATH. */
  static void assumeAvailable() {
    boolean ok = run(Path.of("."), null, "node", "--version") != null;
    if (!ok && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("node is required in CI (.ci/run installs nodejs and npm)");
    }
    Assumptions.assumeTrue(ok, "node is not installed");
  }

  /** {@code jwt.sign(payload, privateKeyPem, options)}; returns the token. */
  static String sign(Map<String, Object> payload, String privateKeyPem, Map<String, Object> options) {
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("op", "sign");
    req.put("payload", payload);
    req.put("privateKey", privateKeyPem);
    req.put("options", options);
    return (String) call(req).get("token");
  }

  /**
   * {@code jwt.verify(token, publicKeyPem, options)} with {@code complete: true}: the answer holds
   * {@code valid}, and {@code header} and {@code payload} or {@code error}.
   */
  static Map<String, Object> verify(String token, String publicKeyPem, Map<String, Object> options) {
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("op", "verify");
    req.put("token", token);
    req.put("publicKey", publicKeyPem);
    req.put("options", options);
    return call(req);
  }

  /** A JSON object from an answer, typed for assertions. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object value) {
    return (Map<String, Object>) value;
  }

  private static synchronized void install() {
    if (installed || Files.isDirectory(DIR.resolve("node_modules/jsonwebtoken"))) {
      installed = true;
      return;
    }
    if (run(DIR, null, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error") == null) {
      throw new AssertionError("npm ci failed in " + DIR);
    }
    installed = true;
  }

  private static Map<String, Object> call(Map<String, Object> request) {
    install();
    String out = run(DIR, JSONObjectUtils.toJSONString(request), "node", "jwt.js");
    if (out == null) {
      throw new AssertionError("node jwt.js failed");
    }
    try {
      return JSONObjectUtils.parse(out);
    } catch (java.text.ParseException e) {
      throw new AssertionError("node jwt.js printed no JSON", e);
    }
  }

  /** Runs a command; returns its stdout, or null when it cannot start or exits non-zero. */
  private static String run(Path dir, String stdin, String... command) {
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      if (stdin != null) {
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return null;
      }
      return out;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
