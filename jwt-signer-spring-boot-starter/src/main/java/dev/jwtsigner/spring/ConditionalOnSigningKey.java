package dev.jwtsigner.spring;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * On when {@code <prefix>.private-key} or {@code <prefix>.private-key-pem} is set, or the application defines
 * a bean named {@code bean} (its own key source).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Conditional(ConditionalOnSigningKey.OnSigningKey.class)
@interface ConditionalOnSigningKey {

  /** The properties' prefix, such as {@code jwt-signer.atomic}. */
  String prefix();

  /** The name of the key source bean, such as {@code atomicKeySource}. */
  String bean();

  /** Evaluated once the application's own bean definitions are known. */
  final class OnSigningKey extends SpringBootCondition implements ConfigurationCondition {

    @Override
    public ConfigurationPhase getConfigurationPhase() {
      return ConfigurationPhase.REGISTER_BEAN;
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
      var attributes = metadata.getAnnotationAttributes(ConditionalOnSigningKey.class.getName());
      String prefix = (String) attributes.get("prefix");
      String bean = (String) attributes.get("bean");
      for (String property : new String[] {prefix + ".private-key", prefix + ".private-key-pem"}) {
        if (context.getEnvironment().containsProperty(property)) {
          return ConditionOutcome.match(property + " is set");
        }
      }
      if (context.getBeanFactory() != null && context.getBeanFactory().containsBean(bean)) {
        return ConditionOutcome.match("the application defines " + bean);
      }
      return ConditionOutcome.noMatch("neither " + prefix + ".private-key nor " + prefix + ".private-key-pem is set, and no bean is named " + bean);
    }
  }
}
