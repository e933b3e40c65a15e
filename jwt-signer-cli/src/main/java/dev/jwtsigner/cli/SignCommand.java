package dev.jwtsigner.cli;

import dev.jwtsigner.apto.SignedPayloadBuilder;
import dev.jwtsigner.atomic.AtomicPolicy;
import dev.jwtsigner.atomic.AtomicTokenBuilder;
import dev.jwtsigner.keys.KeySource;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sign atomic} and {@code sign payload}: print a token the platform accepts, or the rules it breaks. */
final class SignCommand extends BaseCommand {

  SignCommand(JwtSignerCli root) {
    super(root, "sign", "Sign an Atomic SDK token or an Apto signed payload and print it.");
  }

  @Override
  void define(CommandSpec spec) {
    spec.addSubcommand("atomic", new Atomic(root).build());
    spec.addSubcommand("payload", new Payload(root).build());
  }

  @Override
  public Integer call() {
    throw usage("name what to sign: atomic or payload.");
  }

  static void print(BaseCommand command, String token) {
    if (command.json()) {
      Map<String, Object> answer = Json.object();
      answer.put("token", token);
      TokenParts parts = TokenParts.of(token);
      answer.put("header", parts.header());
      answer.put("claims", parts.claims());
      command.printJson(answer);
    } else {
      command.out().println(token);
    }
  }

  static final class Atomic extends BaseCommand {
    Atomic(JwtSignerCli root) {
      super(root, "atomic", "Sign an Atomic SDK token for a user; every rule of the API key's policy is checked first.");
    }

    @Override
    void define(CommandSpec spec) {
      spec.addOption(option("--key", "FILE", "The private key PEM file (or - for standard input).").required(true).build());
      Options.Passphrase.addTo(spec);
      spec.addArgGroup(ArgGroupSpec.builder().exclusive(true).multiplicity("1")
          .addArg(option("--sub", "ID", "The user ID, as sub.").build())
          .addArg(option("--atomic-sub", "ID", "The user ID, as atomic_sub (when sub means something else).").build())
          .build());
      spec.addOption(option("--alg", "RS256|RS512|ES512", "The algorithm (default: RS256 for RSA, ES512 for EC).").build());
      spec.addOption(Options.duration("--expires-in", "The token's lifetime, such as 3d, 12h or 30m (default: the builder's)."));
      spec.addOption(option("--iss", "ISS", "The issuer.").build());
      spec.addOption(option("--kid", "KID", "The kid header.").build());
      spec.addOption(claims("--claim", "NAME=TEXT", "An extra claim with a text value (repeatable)."));
      spec.addOption(claims("--claim-json", "NAME=JSON", "An extra claim with a JSON value, such as n=3 (repeatable)."));
      Options.Atomic.addTo(spec);
      Options.At.addTo(spec);
    }

    private static picocli.CommandLine.Model.OptionSpec claims(String name, String label, String description) {
      return option(name, label, description).type(Map.class).auxiliaryTypes(String.class, String.class).build();
    }

    @Override
    public Integer call() {
      KeySource keys = Options.Passphrase.load(this, readText(value("--key"), "the key"));
      AtomicPolicy p = Options.Atomic.policy(this);
      AtomicTokenBuilder b = AtomicTokenBuilder.create(keys).policy(p).clock(Options.At.clock(this));
      String algorithm = value("--alg");
      String issuer = value("--iss");
      String kid = value("--kid");
      Duration expiresIn = value("--expires-in");
      if (algorithm != null) {
        b = b.algorithm(algorithm);
      }
      if (issuer != null) {
        b = b.issuer(issuer);
      }
      if (kid != null) {
        b = b.keyId(kid);
      }
      if (expiresIn != null) {
        b = b.expiresIn(expiresIn);
      }
      String sub = value("--sub");
      b = sub != null ? b.subject(sub) : b.atomicSubject(value("--atomic-sub"));
      for (Map.Entry<String, String> c : this.<String, String>map("--claim").entrySet()) {
        b = b.claim(c.getKey(), c.getValue());
      }
      for (Map.Entry<String, String> c : this.<String, String>map("--claim-json").entrySet()) {
        try {
          b = b.claim(c.getKey(), Json.parse(c.getValue()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw usage("--claim-json " + c.getKey() + ": the value is not JSON. Fix: write a number, true, false,"
              + " a quoted string or an object.");
        }
      }
      print(this, b.sign());
      return 0;
    }

    private <K, V> Map<K, V> map(String option) {
      Map<K, V> m = value(option);
      return m == null ? Map.of() : m;
    }
  }

  static final class Payload extends BaseCommand {
    Payload(JwtSignerCli root) {
      super(root, "payload", "Sign a JSON request body as an RS256 JWT (Content-Type: application/jwt); iat is added.");
    }

    @Override
    void define(CommandSpec spec) {
      spec.addPositional(parameter("BODY.json|-", "The JSON body (default: standard input).").arity("0..1").required(false).initialValue("-").build());
      spec.addOption(option("--key", "FILE", "The RSA private key PEM file.").required(true).build());
      Options.Passphrase.addTo(spec);
      spec.addOption(option("--kid", "KID", "The kid the public key is registered under, such as key_1.").required(true).build());
      spec.addOption(Options.duration("--expires-in", "Add exp this far after iat."));
      spec.addOption(flag("Leave iat out.", "--no-iat").build());
      Options.Apto.addTo(spec);
      Options.At.addTo(spec);
    }

    @Override
    public Integer call() {
      String body = parameter();
      String key = value("--key");
      if ("-".equals(body) && "-".equals(key)) {
        throw usage("the key and the body cannot both come from standard input. Fix: pass one of them as a file.");
      }
      String json = readText(body, "the body");
      KeySource keys = Options.Passphrase.load(this, readText(key, "the key"));
      SignedPayloadBuilder b = SignedPayloadBuilder.create(keys).keyId(value("--kid")).policy(Options.Apto.policy(this).build())
          .clock(Options.At.clock(this)).issuedAt(!this.<Boolean>value("--no-iat"));
      Duration expiresIn = value("--expires-in");
      if (expiresIn != null) {
        b = b.expiresIn(expiresIn);
      }
      print(this, b.payload(json).sign());
      return 0;
    }
  }
}
