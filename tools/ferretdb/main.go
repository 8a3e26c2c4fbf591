// Command ferretdb-local runs FerretDB 1.24 with its SQLite backend for local
// development and tests.
//
// It embeds FerretDB as a library because `go install ...cmd/ferretdb@v1.24.2`
// builds a binary that panics at start: the module proxy copy lacks the
// build/version/version.txt file that the official build generates. The
// embedded package skips that check and always runs with telemetry disabled.
//
// The process exits when its standard input reaches end of file, so a parent
// that dies, even by SIGKILL, never leaves the database running.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listenAddr := flag.String("listen-addr", "127.0.0.1:27017", "TCP address to listen on")
	sqliteURL := flag.String("sqlite-url", "file:data/", "SQLite directory URI, for example file:/path/to/dir/")
	logLevel := flag.String("log-level", "warn", "log level: debug, info, warn or error")
	watchStdin := flag.Bool("exit-on-stdin-eof", true, "exit when standard input is closed")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(os.Stderr, "invalid -log-level %q: %v\n", *logLevel, err)
		os.Exit(2)
	}
	logger := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if *watchStdin {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			logger.Info("standard input closed, stopping")
			stop()
		}()
	}

	db, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listenAddr},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: *sqliteURL,
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "failed to start FerretDB: %v\n", err)
		os.Exit(1)
	}

	logger.Info("FerretDB listening", slog.String("addr", *listenAddr))
	if err := db.Run(ctx); err != nil && ctx.Err() == nil {
		fmt.Fprintf(os.Stderr, "FerretDB stopped with an error: %v\n", err)
		os.Exit(1)
	}
}
