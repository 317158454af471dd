import { Icon } from './icons';

/** Shown instead of the app when the page cannot reach a backend at all (e.g. no token). */
export function ConnectionProblem({ reason }: { reason: string }) {
  return (
    <div className="problem">
      <div className="problem-card" role="alert">
        <span className="brand-mark">
          <Icon name="logo" />
        </span>
        <h1>EventFlow Studio cannot reach its backend</h1>
        <p>{reason}</p>
        <p>
          Start the web host with <code>npm run web</code>; it prints the address to open.
        </p>
      </div>
    </div>
  );
}
