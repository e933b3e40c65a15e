package dev.jwtsigner.cli;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.apto.AptoPolicy;
import dev.jwtsigner.apto.SignedPayloadBuilder;
import dev.jwtsigner.keys.KeyPairs;
import dev.jwtsigner.keys.KeySource;
import dev.jwtsigner.keys.PublicKeys;
import java.io.IOException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.util.OpenSSHPublicKeyUtil;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import picocli.CommandLine.Model.CommandSpec;

/** {@code keys inspect} and {@code keys convert}. */
final class KeysCommand extends BaseCommand {

  KeysCommand(JwtSignerCli root) {
    super(root, "keys", "Inspect and convert key files.");
  }

  @Override
  void define(CommandSpec spec) {
    spec.addSubcommand("inspect", new Inspect(root).build());
    spec.addSubcommand("convert", new Convert(root).build());
  }

  @Override
  public Integer call() {
    throw usage("name a subcommand: inspect or convert.");
  }

  /** The public key of a public-key text, or of a private key (derived). */
  static PublicKey publicKey(BaseCommand command, String text) {
    KeyFacts facts = KeyFacts.of(text);
    if (facts.isPrivate() && !facts.format().startsWith("JWK")) {
      return KeyFacts.publicOf(Options.Passphrase.load(command, text).signingKey().privateKey());
    }
    return PublicKeys.parse(text);
  }

  static final class Inspect extends BaseCommand {
    Inspect(JwtSignerCli root) {
      super(root, "inspect", "Say what a key file is (format, type, size or curve, encrypted or not, RFC 7638 thumbprint)",
          "and whether each platform accepts it; when not, the library's reason and fix. Exit 1 when no platform does.");
    }

    @Override
    void define(CommandSpec spec) {
      spec.addPositional(parameter("FILE|-", "A private or public key file, or - for standard input.").build());
      Options.Passphrase.addTo(spec);
    }

    @Override
    public Integer call() {
      String text = readText(parameter(), "the key");
      KeyFacts facts = KeyFacts.of(text);
      Map<String, Object> answer = Json.object();
      answer.put("format", facts.format());
      answer.put("private", facts.isPrivate());
      answer.put("encrypted", facts.encrypted());
      List<Map<String, Object>> keys = new ArrayList<>();
      boolean anyAccepted;
      if (facts.isPrivate() && !facts.format().startsWith("JWK")) {
        anyAccepted = inspectPrivate(text, facts, answer);
      } else {
        anyAccepted = false;
        Map<String, PublicKey> all = new LinkedHashMap<>();
        if (facts.format().startsWith("JWK")) {
          all.putAll(PublicKeys.parseAllWithIds(text));
        } else {
          PublicKeys.parseAll(text).forEach(k -> all.put(PublicKeys.thumbprint(k), k));
        }
        for (Map.Entry<String, PublicKey> e : all.entrySet()) {
          Map<String, Object> key = publicKeyFacts(e.getValue());
          if (facts.format().startsWith("JWK")) {
            key.put("kid", e.getKey());
          }
          anyAccepted |= anyAccepts((Map<?, ?>) key.get("platforms"));
          keys.add(key);
        }
        answer.put("keys", keys);
      }
      if (json()) {
        printJson(answer);
      } else {
        print(answer);
      }
      return anyAccepted ? 0 : Errors.REFUSED;
    }

    private boolean inspectPrivate(String text, KeyFacts facts, Map<String, Object> answer) {
      KeySource source;
      try {
        source = Options.Passphrase.load(this, text);
      } catch (JwtSignerException e) {
        Map<String, Object> refused = refusal(e);
        if (e.reason() == JwtSignerException.Reason.KEY_PASSPHRASE_REQUIRED) {
          answer.put("note", "the key is encrypted; pass --passphrase-env VAR, --passphrase-file FILE or"
              + " --ask-passphrase to check it for the platforms.");
        }
        answer.put("platforms", Map.of("atomic", refused, "apto", refused));
        return false;
      }
      PrivateKey key = source.signingKey().privateKey();
      PublicKey pub = KeyFacts.publicOf(key);
      answer.put("type", KeyFacts.describe(key));
      answer.put("thumbprint", PublicKeys.thumbprint(pub));
      Map<String, Object> atomic = Json.object();
      List<String> fits = new ArrayList<>();
      for (JwsAlgorithm alg : JwsAlgorithm.values()) {
        if (alg.fits(key)) {
          fits.add(alg.name());
        }
      }
      atomic.put("accepted", !fits.isEmpty());
      atomic.put("algorithms", fits);
      // the builder's own key rules decide; the token made here is thrown away
      Map<String, Object> apto = accepts(() -> SignedPayloadBuilder.create(source).keyId("key_1").payload("{}")
          .clock(context().clock()).sign(), List.of(AptoPolicy.ALGORITHM.name()));
      answer.put("platforms", platforms(atomic, apto));
      return true;
    }

    private static Map<String, Object> publicKeyFacts(PublicKey key) {
      Map<String, Object> m = Json.object();
      m.put("type", KeyFacts.describe(key));
      m.put("thumbprint", PublicKeys.thumbprint(key));
      Map<String, Object> atomic = accepts(() -> PublicKeys.check(key),
          key instanceof ECPublicKey ? List.of("ES512") : List.of("RS256", "RS512"));
      Map<String, Object> apto = accepts(() -> AptoPolicy.builder().registerKey("key_1", key),
          List.of(AptoPolicy.ALGORITHM.name()));
      Map<String, Object> platforms = platforms(atomic, apto);
      m.put("platforms", platforms);
      return m;
    }

    private static boolean anyAccepts(Map<?, ?> platforms) {
      return platforms.values().stream().anyMatch(v -> Boolean.TRUE.equals(((Map<?, ?>) v).get("accepted")));
    }

    /** Accepted with {@code algorithms} when the library's {@code check} passes, else its refusal. */
    private static Map<String, Object> accepts(Runnable check, List<String> algorithms) {
      try {
        check.run();
      } catch (JwtSignerException e) {
        return refusal(e);
      }
      Map<String, Object> m = Json.object();
      m.put("accepted", true);
      m.put("algorithms", algorithms);
      return m;
    }

    private static Map<String, Object> platforms(Map<String, Object> atomic, Map<String, Object> apto) {
      Map<String, Object> platforms = Json.object();
      platforms.put("atomic", atomic);
      platforms.put("apto", apto);
      return platforms;
    }

    private static Map<String, Object> refusal(JwtSignerException e) {
      Map<String, Object> m = Json.object();
      m.put("accepted", false);
      m.put("reason", e.reason().name());
      m.put("message", Errors.headline(e));
      if (!e.violations().isEmpty()) {
        m.put("violations", Errors.violations(e.violations()));
      }
      return m;
    }

    @SuppressWarnings("unchecked")
    private void print(Map<String, Object> answer) {
      var o = out();
      o.println("format:     " + answer.get("format"));
      o.println("holds:      " + (Boolean.TRUE.equals(answer.get("private")) ? "a private key" : "public key material"));
      o.println("encrypted:  " + (Boolean.TRUE.equals(answer.get("encrypted")) ? "yes" : "no"));
      if (answer.containsKey("type")) {
        o.println("type:       " + answer.get("type"));
        o.println("thumbprint: " + answer.get("thumbprint") + " (RFC 7638, SHA-256)");
      }
      if (answer.containsKey("note")) {
        o.println("note:       " + answer.get("note"));
      }
      if (answer.containsKey("platforms")) {
        printPlatforms(o, (Map<String, Object>) answer.get("platforms"), "");
      }
      List<Map<String, Object>> keys = (List<Map<String, Object>>) answer.getOrDefault("keys", List.of());
      for (Map<String, Object> key : keys) {
        o.println((keys.size() > 1 ? "key " + key.getOrDefault("kid", key.get("thumbprint")) + ":\n  " : "")
            + "type:       " + key.get("type"));
        String indent = keys.size() > 1 ? "  " : "";
        if (key.containsKey("kid")) {
          o.println(indent + "kid:        " + key.get("kid"));
        }
        o.println(indent + "thumbprint: " + key.get("thumbprint") + " (RFC 7638, SHA-256)");
        printPlatforms(o, (Map<String, Object>) key.get("platforms"), indent);
      }
    }

    @SuppressWarnings("unchecked")
    private static void printPlatforms(java.io.PrintWriter o, Map<String, Object> platforms, String indent) {
      for (Options.Platform p : Options.Platform.values()) {
        Map<String, Object> verdict = (Map<String, Object>) platforms.get(p.name());
        String label = String.format("%-11s", p.name() + ":");
        if (Boolean.TRUE.equals(verdict.get("accepted"))) {
          o.println(indent + label + "accepted (" + String.join(", ", (List<String>) verdict.get("algorithms")) + ")");
        } else {
          o.println(indent + label + "refused (" + verdict.get("reason") + "): " + verdict.get("message"));
          for (Map<String, Object> v : (List<Map<String, Object>>) verdict.getOrDefault("violations", List.of())) {
            o.println(indent + "  - " + v.get("field") + " [" + v.get("rule") + "]: " + v.get("message") + " Fix: " + v.get("fix"));
          }
        }
      }
    }
  }

  /** The forms {@code keys convert} writes. */
  enum Form { spki, pkcs1, jwk, jwks, openssh }

  static final class Convert extends BaseCommand {
    Convert(JwtSignerCli root) {
      super(root, "convert", "Write a public key (or the public half of a private key) in another form:",
          "spki (PUBLIC KEY PEM), pkcs1 (RSA PUBLIC KEY PEM, as ssh-keygen -e -m PEM prints), jwk, jwks, openssh.");
    }

    @Override
    void define(CommandSpec spec) {
      spec.addPositional(parameter("FILE|-", "A public or private key file, or - for standard input.").build());
      spec.addOption(option("--to", "spki|pkcs1|jwk|jwks|openssh", "The form to write.").type(Form.class).required(true).build());
      Options.Passphrase.addTo(spec);
    }

    @Override
    public Integer call() throws IOException {
      Form to = value("--to");
      PublicKey key = publicKey(this, readText(parameter(), "the key"));
      String text = switch (to) {
        case spki -> KeyPairs.publicKeyPem(key);
        case pkcs1 -> KeyPairs.rsaPublicKeyPem(key);
        case jwk -> KeyPairs.jwk(key) + "\n";
        case jwks -> KeyPairs.jwks(key) + "\n";
        case openssh -> openSsh(key) + "\n";
      };
      if (json()) {
        Map<String, Object> answer = Json.object();
        answer.put("form", to.name());
        answer.put("thumbprint", PublicKeys.thumbprint(key));
        answer.put("text", text);
        printJson(answer);
      } else {
        out().print(text);
      }
      return 0;
    }

    private static String openSsh(PublicKey key) throws IOException {
      PublicKeys.check(key);
      byte[] blob = OpenSSHPublicKeyUtil.encodePublicKey(PublicKeyFactory.createKey(key.getEncoded()));
      String type = key instanceof ECPublicKey ? "ecdsa-sha2-nistp521" : "ssh-rsa";
      return type + " " + Base64.getEncoder().encodeToString(blob);
    }
  }
}
