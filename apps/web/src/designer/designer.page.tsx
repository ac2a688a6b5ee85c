import { useSearchParams } from 'react-router';
import { DesignerEditor } from './designer-editor';
import { DesignerHome } from './designer-home';

/** The process designer: its drafts and what to start from (`/thiet-ke`), or one draft open (`?ban-nhap=<id>`). */
export default function DesignerPage() {
  const [params] = useSearchParams();
  const draftId = params.get('ban-nhap');
  return draftId === null ? <DesignerHome /> : <DesignerEditor key={draftId} draftId={draftId} />;
}
