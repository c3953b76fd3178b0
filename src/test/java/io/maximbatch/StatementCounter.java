package io.maximbatch;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/** Counts the SQL statements the application executes on its job database: a statement log for query-count tests. */
public final class StatementCounter implements BeanPostProcessor {

    private final AtomicLong executed = new AtomicLong();

    public long executed() {
        return executed.get();
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof DataSource dataSource) || bean instanceof CountingDataSource) {
            return bean;
        }
        return new CountingDataSource(dataSource);
    }

    private final class CountingDataSource extends DelegatingDataSource {

        CountingDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return counting(super.getConnection(), Connection.class);
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return counting(super.getConnection(username, password), Connection.class);
        }
    }

    /** A proxy that counts execute* calls of statements and hands out counting statements from a connection. */
    private <T> T counting(T target, Class<T> type) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (target instanceof Statement && method.getName().startsWith("execute")) {
                executed.incrementAndGet();
            }
            try {
                Object result = method.invoke(target, args);
                if (result instanceof Statement statement && method.getReturnType().isInterface()) {
                    @SuppressWarnings("unchecked")
                    Class<Statement> statementType = (Class<Statement>) method.getReturnType();
                    return counting(statement, statementType);
                }
                return result;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
