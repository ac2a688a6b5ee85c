import { useSearchParams } from 'react-router';

/** The step open in the drawer, kept in the URL (`?buoc=<task id>`, so a link opens it), and how to open one. */
export function useOpenStep(): [string | null, (id: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const open = (id: string | null) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (id === null) next.delete('buoc');
      else next.set('buoc', id);
      return next;
    });
  return [params.get('buoc'), open];
}
