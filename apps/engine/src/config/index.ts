export * from './app-config';
export * from './config.module';
export * from './load-app-config.util';
export * from './repo-root.util';
