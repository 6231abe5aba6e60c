package dev.temppic.expiry.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * The audit trail, bound from {@code temppic.audit.*}.
 *
 * <p>The file appender itself is configured in {@code logback-spring.xml}, which reads the same property when
 * logging starts: the current file is {@code audit.log} in this directory, rolled over daily to
 * {@code audit.yyyy-MM-dd.log}, and files older than 30 days are deleted.
 *
 * @param directory directory of the audit files
 */
@ConfigurationProperties("temppic.audit")
public record AuditProperties(@DefaultValue("logs/audit") Path directory) {
}
