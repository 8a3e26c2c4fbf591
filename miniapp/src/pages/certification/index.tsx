import { PageShell } from '@/components/PageShell';
import { CertificationWizard } from './CertificationWizard';

export default function CertificationPage() {
  return (
    <PageShell current="certification">
      <CertificationWizard />
    </PageShell>
  );
}
