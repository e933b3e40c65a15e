import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load test's helpers, run as a single source file ({@code java load/LoadTools.java ...}), JDK only:
 *
 * <pre>
 * slow PORT HEADERS BODIES SECONDS PATH   hold HEADERS slow-header and BODIES slow-body connections open on
 *                                         127.0.0.1:PORT, one byte per connection per second, reconnecting
 *                                         whatever the server closes; prints how many it opened in all
 * verify PUBLIC_KEY_PEM                   reads one token per line (or "seq status token" lines) from stdin,
 *                                         verifies each RS256/RS512 signature, and for "seq" lines checks that
 *                                         the status is 200, the payload's seq is the request's, and no seq
 *                                         repeats; exits 1 on any failure or no token
 * </pre>
 */
public final class LoadTools {

  public static void main(String[] args) throws Exception {
    switch (args.length == 0 ? "" : args[0]) {
      case "slow" -> slow(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
          Integer.parseInt(args[4]), args[5]);
      case "verify" -> System.exit(verify(Path.of(args[1])) ? 0 : 1);
      default -> {
        System.err.println("usage: slow PORT HEADERS BODIES SECONDS PATH | verify PUBLIC_KEY_PEM");
        System.exit(2);
      }
    }
  }

  private static final class Slow {
    final boolean body;
    final String head;
    Socket socket;
    OutputStream out;

    Slow(boolean body, String path) {
      this.body = body;
      this.head = body
          ? "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"a\":\""
          : "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
    }

    void open(int port) throws IOException {
      socket = new Socket();
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }

    void close() {
      try {
        if (socket != null) {
          socket.close();
        }
      } catch (IOException ignored) {
        // closing
      }
    }
  }

  private static void slow(int port, int headers, int bodies, int seconds, String path) throws Exception {
    List<Slow> all = new ArrayList<>();
    for (int i = 0; i < headers + bodies; i++) {
      all.add(new Slow(i >= headers, path));
    }
    long opened = 0;
    long failed = 0;
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      long round = System.nanoTime();
      for (Slow s : all) {
        try {
          if (s.socket == null) {
            s.open(port);
            opened++;
          } else {
            s.out.write('a');
            s.out.flush();
          }
        } catch (IOException closedByServer) {
          s.close();
          s.socket = null;
          failed++;
        }
      }
      long sleep = 1_000 - (System.nanoTime() - round) / 1_000_000;
      if (sleep > 0) {
        Thread.sleep(sleep);
      }
    }
    all.forEach(Slow::close);
    System.out.println("slow connections opened: " + opened + ", found closed by the server: " + failed);
  }

  private static final Pattern ALG = Pattern.compile("\"alg\"\\s*:\\s*\"(RS256|RS512)\"");
  private static final Pattern SEQ = Pattern.compile("\"seq\"\\s*:\\s*\"([^\"]*)\"");

  private static boolean verify(Path publicKeyPem) throws Exception {
    String pem = Files.readString(publicKeyPem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    int good = 0;
    int bad = 0;
    Set<String> seen = new HashSet<>();
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.trim().split("\\s+");
      String problem = parts.length == 1 ? check(key, parts[0], null)
          : !parts[1].equals("200") ? "status " + parts[1]
          : !seen.add(parts[0]) ? "answered twice"
          : check(key, parts[2], parts[0]);
      if (problem == null) {
        good++;
      } else {
        bad++;
        System.out.println("token " + (parts.length == 1 ? "#" + (good + bad) : parts[0]) + ": " + problem);
      }
    }
    System.out.println("tokens verified: " + good + ", failed: " + bad);
    return bad == 0 && good > 0;
  }

  private static String check(PublicKey key, String token, String seq) throws Exception {
    String[] jws = token.split("\\.");
    if (jws.length != 3) {
      return "not a compact JWS";
    }
    Base64.Decoder b64 = Base64.getUrlDecoder();
    String header = new String(b64.decode(jws[0]), StandardCharsets.UTF_8);
    Matcher alg = ALG.matcher(header);
    if (!alg.find()) {
      return "alg is not RS256 or RS512";
    }
    Signature s = Signature.getInstance(alg.group(1).equals("RS256") ? "SHA256withRSA" : "SHA512withRSA");
    s.initVerify(key);
    s.update((jws[0] + "." + jws[1]).getBytes(StandardCharsets.US_ASCII));
    if (!s.verify(b64.decode(jws[2]))) {
      return "signature does not verify";
    }
    if (seq != null) {
      Matcher m = SEQ.matcher(new String(b64.decode(jws[1]), StandardCharsets.UTF_8));
      if (!m.find() || !m.group(1).equals(seq)) {
        return "payload is another request's";
      }
    }
    return null;
  }
}
