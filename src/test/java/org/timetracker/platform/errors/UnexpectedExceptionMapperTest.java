package org.timetracker.platform.errors;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import jakarta.resource.spi.ResourceAllocationException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class UnexpectedExceptionMapperTest {

  @Test
  void aPoolThatCannotHandOutAConnectionMeansTheDatabaseIsUnavailable() {
    // As Payara and Hibernate wrapped it in the log after PostgreSQL was killed: no SQLSTATE.
    var allocation =
        new ResourceAllocationException("Error in allocating a connection.", "XAResource.start");
    var failure =
        new PersistenceException(
            "Unable to acquire JDBC Connection",
            new SQLException("Error in allocating a connection.", allocation));

    assertTrue(
        UnexpectedExceptionMapper.databaseUnavailable(
            failure, UnexpectedExceptionMapper.sqlState(failure)));
  }

  @Test
  void connectionFailuresAndRestartsAreUnavailableButOtherErrorsAreNot() {
    assertTrue(
        UnexpectedExceptionMapper.databaseUnavailable(new SQLException("x", "08006"), "08006"));
    assertTrue(
        UnexpectedExceptionMapper.databaseUnavailable(new SQLException("x", "57P01"), "57P01"));
    assertFalse(
        UnexpectedExceptionMapper.databaseUnavailable(new SQLException("x", "42P01"), "42P01"));
    assertFalse(
        UnexpectedExceptionMapper.databaseUnavailable(new IllegalStateException("bug"), null));
  }
}
