package dev.jwtsigner.cli;

import dev.jwtsigner.apto.SignedPayloadBuilder;
import dev.jwtsigner.atomic.AtomicPolicy;
import dev.jwtsigner.atomic.AtomicTokenBuilder;
import dev.jwtsigner.keys.KeySource;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sign atomic} and {@code sign payload}: print a token the platform accepts, or the rules it breaks. */
@Command(name = "sign", description = "Sign an Atomic SDK token or an Apto signed payload and print it.",
    subcommands = {SignCommand.Atomic.class, SignCommand.Payload.class})
final class SignCommand extends BaseCommand {

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

  @Command(name = "atomic", sortOptions = false,
      description = "Sign an Atomic SDK token for a user; every rule of the API key's policy is checked first.")
  static final class Atomic extends BaseCommand {
    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The private key PEM file (or - for standard input).")
    String key;

    @Mixin
    Options.Passphrase passphrase;

    static final class User {
      @Option(names = "--sub", paramLabel = "ID", description = "The user ID, as sub.")
      String sub;

      @Option(names = "--atomic-sub", paramLabel = "ID", description = "The user ID, as atomic_sub (when sub means something else).")
      String atomicSub;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    User user;

    @Option(names = "--alg", paramLabel = "RS256|RS512|ES512", description = "The algorithm (default: RS256 for RSA, ES512 for EC).")
    String algorithm;

    @Option(names = "--expires-in", paramLabel = "DURATION", converter = Durations.class,
        description = "The token's lifetime, such as 3d, 12h or 30m (default: the builder's).")
    Duration expiresIn;

    @Option(names = "--iss", paramLabel = "ISS", description = "The issuer.")
    String issuer;

    @Option(names = "--kid", paramLabel = "KID", description = "The kid header.")
    String kid;

    @Option(names = "--claim", paramLabel = "NAME=TEXT", description = "An extra claim with a text value (repeatable).")
    Map<String, String> claims = new LinkedHashMap<>();

    @Option(names = "--claim-json", paramLabel = "NAME=JSON", description = "An extra claim with a JSON value, such as n=3 (repeatable).")
    Map<String, String> jsonClaims = new LinkedHashMap<>();

    @Mixin
    Options.Atomic policy;

    @Mixin
    Options.At at;

    @Override
    public Integer call() {
      KeySource keys = passphrase.load(this, readText(key, "the key"));
      AtomicPolicy p = policy.policy();
      AtomicTokenBuilder b = AtomicTokenBuilder.create(keys).policy(p).clock(at.clock(context()));
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
      b = user.sub != null ? b.subject(user.sub) : b.atomicSubject(user.atomicSub);
      for (Map.Entry<String, String> c : claims.entrySet()) {
        b = b.claim(c.getKey(), c.getValue());
      }
      for (Map.Entry<String, String> c : jsonClaims.entrySet()) {
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
  }

  @Command(name = "payload", sortOptions = false,
      description = "Sign a JSON request body as an RS256 JWT (Content-Type: application/jwt); iat is added.")
  static final class Payload extends BaseCommand {
    @Parameters(paramLabel = "BODY.json|-", arity = "0..1", description = "The JSON body (default: standard input).")
    String body = "-";

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The RSA private key PEM file.")
    String key;

    @Mixin
    Options.Passphrase passphrase;

    @Option(names = "--kid", required = true, paramLabel = "KID", description = "The kid the public key is registered under, such as key_1.")
    String kid;

    @Option(names = "--expires-in", paramLabel = "DURATION", converter = Durations.class, description = "Add exp this far after iat.")
    Duration expiresIn;

    @Option(names = "--no-iat", description = "Leave iat out.")
    boolean noIat;

    @Mixin
    Options.Apto limits;

    @Mixin
    Options.At at;

    @Override
    public Integer call() {
      if ("-".equals(body) && "-".equals(key)) {
        throw usage("the key and the body cannot both come from standard input. Fix: pass one of them as a file.");
      }
      String json = readText(body, "the body");
      KeySource keys = passphrase.load(this, readText(key, "the key"));
      SignedPayloadBuilder b = SignedPayloadBuilder.create(keys).keyId(kid).policy(limits.policy().build())
          .clock(at.clock(context())).issuedAt(!noIat);
      if (expiresIn != null) {
        b = b.expiresIn(expiresIn);
      }
      print(this, b.payload(json).sign());
      return 0;
    }
  }
}
