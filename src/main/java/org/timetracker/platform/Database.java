package org.timetracker.platform;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/** The connection pool; URL and credentials come from MicroProfile Config. */
@DataSourceDefinition(
    name = "java:app/jdbc/timetracker",
    className = "org.postgresql.ds.PGSimpleDataSource",
    url = "${MPCONFIG=db.url}",
    user = "${MPCONFIG=db.user}",
    password = "${MPCONFIG=db.password}",
    minPoolSize = 2,
    maxPoolSize = 32)
@ApplicationScoped
public class Database {}
